namespace RnnPlayground.App;

/// <summary>
/// Watches the running script and the files it read (data files), nothing else of their folders:
/// saving another script beside it changes nothing. Flags are set from the watchers' threads and
/// taken (read and cleared) by the window after a frame.
/// </summary>
internal sealed class ScriptWatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly string _script;
    private List<FileSystemWatcher> _watchers = [];
    private HashSet<string> _dataFiles = new(StringComparer.Ordinal);
    private int _scriptChanged, _dataChanged;
    private bool _disposed;

    /// <param name="script">The script's path (it is always watched).</param>
    public ScriptWatcher(string script)
    {
        _script = Path.GetFullPath(script);
        Watch([]);
    }

    /// <summary>Watches the script and <paramref name="dataFiles"/> (absolute paths) from now on, instead of the files watched before.</summary>
    public void Watch(IEnumerable<string> dataFiles)
    {
        var files = new HashSet<string>(dataFiles.Select(Path.GetFullPath).Where(f => f != _script), StringComparer.Ordinal);
        var watchers = new List<FileSystemWatcher>();
        foreach (var folder in files.Append(_script).GroupBy(f => Path.GetDirectoryName(f)!))
        {
            if (!Directory.Exists(folder.Key)) continue;
            // One watcher per folder, filtered to the watched files by name in the handler.
            var w = new FileSystemWatcher(folder.Key) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            w.Changed += (_, e) => Touched(e.FullPath);
            w.Created += (_, e) => Touched(e.FullPath);
            w.Renamed += (_, e) => Touched(e.FullPath);
            w.EnableRaisingEvents = true;
            watchers.Add(w);
        }
        List<FileSystemWatcher> old;
        lock (_gate)
        {
            if (_disposed)
            {
                foreach (var w in watchers) w.Dispose();
                return;
            }
            (old, _watchers, _dataFiles) = (_watchers, watchers, files);
        }
        foreach (var w in old) w.Dispose();
    }

    /// <summary>The data files watched besides the script.</summary>
    public IReadOnlyCollection<string> DataFiles
    {
        get
        {
            lock (_gate) return [.. _dataFiles];
        }
    }

    /// <summary>Whether the script was saved since the last call (clears the flag).</summary>
    public bool TakeScriptChange() => Take(ref _scriptChanged);

    /// <summary>Whether a data file the script reads was saved since the last call (clears the flag).</summary>
    public bool TakeDataChange() => Take(ref _dataChanged);

    private static bool Take(ref int flag) => Interlocked.Exchange(ref flag, 0) == 1;

    private void Touched(string path)
    {
        string full = Path.GetFullPath(path);
        if (full == _script) Interlocked.Exchange(ref _scriptChanged, 1);
        else
        {
            lock (_gate)
            {
                if (_dataFiles.Contains(full)) Interlocked.Exchange(ref _dataChanged, 1);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var w in _watchers) w.Dispose();
            _watchers.Clear();
        }
    }
}
