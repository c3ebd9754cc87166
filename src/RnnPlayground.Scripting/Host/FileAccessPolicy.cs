namespace RnnPlayground.Scripting.Host;

/// <summary>
/// Which files a script may touch. Reads are allowed only under the read roots (the script's
/// folder and the configured data folders), writes only under the run's output folder. A path is
/// made absolute, its <c>..</c> removed and every symbolic link along it resolved before the check,
/// and the resolved path is what the caller must open, so neither <c>../</c> nor a link leads out.
/// Relative read paths are taken from the script's folder, relative write paths from the output
/// folder. Bindings call <see cref="ResolveRead"/> / <see cref="ResolveWrite"/> on every path a
/// script gives them and open only what these return.
/// </summary>
public sealed class FileAccessPolicy
{
    private const int MaxLinkDepth = 40;
    private readonly string _workingDirectory;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <param name="readRoots">Folders that may be read (relative ones from <paramref name="workingDirectory"/>).</param>
    /// <param name="writeRoot">The only folder that may be written, or null for none.</param>
    /// <param name="readBaseDirectory">The folder relative read paths are taken from (the script's folder).</param>
    /// <param name="workingDirectory">The folder used to show paths in messages, and to resolve relative roots.</param>
    public FileAccessPolicy(IEnumerable<string> readRoots, string? writeRoot, string readBaseDirectory, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(readRoots);
        ArgumentException.ThrowIfNullOrEmpty(readBaseDirectory);
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        if (!Path.IsPathFullyQualified(workingDirectory))
            throw new ArgumentException($"must be an absolute path (got '{workingDirectory}')", nameof(workingDirectory));
        _workingDirectory = Canonicalize(Path.GetFullPath(workingDirectory));
        var roots = new List<string>();
        foreach (string root in readRoots)
        {
            ArgumentException.ThrowIfNullOrEmpty(root, nameof(readRoots));
            string canonical = Canonicalize(Path.GetFullPath(root, _workingDirectory));
            if (!roots.Contains(canonical)) roots.Add(canonical);
        }
        ReadRoots = roots;
        WriteRoot = writeRoot is null ? null : Canonicalize(Path.GetFullPath(writeRoot, _workingDirectory));
        ReadBaseDirectory = Canonicalize(Path.GetFullPath(readBaseDirectory, _workingDirectory));
    }

    /// <summary>The readable folders, absolute and with links resolved.</summary>
    public IReadOnlyList<string> ReadRoots { get; }

    /// <summary>The writable folder, absolute and with links resolved; null when nothing may be written.</summary>
    public string? WriteRoot { get; }

    /// <summary>Every path allowed by <see cref="ResolveRead"/> so far (resolved): the files the script reads, for a watcher.</summary>
    public IReadOnlyCollection<string> Read => _read;

    /// <summary>The folder relative read paths are taken from.</summary>
    public string ReadBaseDirectory { get; }

    /// <summary>
    /// The resolved absolute path of <paramref name="path"/> if a script may read it; otherwise
    /// throws <see cref="UnauthorizedAccessException"/> saying which folders are readable.
    /// </summary>
    public string ResolveRead(string path)
    {
        CheckPathText(path);
        string resolved = Canonicalize(Path.GetFullPath(path, ReadBaseDirectory));
        if (ReadRoots.Any(root => IsUnder(resolved, root)))
        {
            _read.Add(resolved);
            return resolved;
        }
        throw new UnauthorizedAccessException(
            $"reading '{path}' is not allowed: scripts may read files only under {string.Join(", ", ReadRoots.Select(Show))}");
    }

    /// <summary>
    /// The resolved absolute path of <paramref name="path"/> if a script may write it; otherwise
    /// throws <see cref="UnauthorizedAccessException"/> naming the output folder.
    /// </summary>
    public string ResolveWrite(string path)
    {
        CheckPathText(path);
        if (WriteRoot is null)
            throw new UnauthorizedAccessException($"writing '{path}' is not allowed: this run has no output folder");
        string resolved = Canonicalize(Path.GetFullPath(path, WriteRoot));
        if (IsUnder(resolved, WriteRoot) && resolved != WriteRoot) return resolved;
        throw new UnauthorizedAccessException(
            $"writing '{path}' is not allowed: scripts may write files only under {Show(WriteRoot)}");
    }

    /// <summary>Like <see cref="ResolveRead"/>, but returns false with the reason instead of throwing.</summary>
    public bool TryResolveRead(string path, out string resolvedPath, out string? refusal)
    {
        try
        {
            resolvedPath = ResolveRead(path);
            refusal = null;
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or IOException)
        {
            resolvedPath = "";
            refusal = e.Message;
            return false;
        }
    }

    /// <summary>A path as a user should see it: relative to the working folder when it is inside it.</summary>
    public string Show(string fullPath)
    {
        if (IsUnder(fullPath, _workingDirectory) && fullPath != _workingDirectory)
            return Path.GetRelativePath(_workingDirectory, fullPath) + Path.DirectorySeparatorChar;
        return fullPath + Path.DirectorySeparatorChar;
    }

    private static void CheckPathText(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (path.Length == 0) throw new ArgumentException("a file path must not be empty", nameof(path));
        if (path.Contains('\0')) throw new ArgumentException("a file path must not contain a NUL character", nameof(path));
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Resolves every symbolic link along an absolute, already normalized path. Parts that do not
    /// exist yet (a file about to be written) are kept as they are.
    /// </summary>
    internal static string Canonicalize(string fullPath) => Canonicalize(fullPath, 0);

    private static string Canonicalize(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth) throw new IOException($"too many levels of symbolic links in '{fullPath}'");
        string root = Path.GetPathRoot(fullPath) ?? "/";
        string current = root;
        string[] parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Join(current, parts[i]);
            var info = new FileInfo(next);
            if (info.Exists || Directory.Exists(next))
            {
                if (info.LinkTarget is not null)
                {
                    FileSystemInfo? target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null) throw new IOException($"cannot resolve the link '{next}'");
                    next = Canonicalize(Path.GetFullPath(target.FullName), depth + 1);
                }
            }
            else if (info.LinkTarget is not null)
            {
                // A dangling link: where it points is where a write would land.
                next = Canonicalize(Path.GetFullPath(info.LinkTarget, current), depth + 1);
            }
            current = next;
        }
        return current;
    }
}
