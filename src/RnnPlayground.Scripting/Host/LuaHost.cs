using System.Runtime.InteropServices;
using System.Text;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A sandboxed Lua 5.4 state that runs scripts and owns every error they make. It knows nothing of
/// what the scripts are for: the experiment layer registers its tables (<c>rnn.*</c>) on it.
/// <list type="bullet">
/// <item>Scripts run in a whitelisted environment built by a trusted prelude (<c>Host/prelude.lua</c>):
/// base functions, <c>string</c>, <c>table</c>, <c>math</c>, <c>utf8</c>, <c>coroutine</c>,
/// <c>os.time/clock/date</c>, and the functions registered on the host. No <c>io</c>, <c>os.execute</c>,
/// <c>package</c>, <c>require</c>, <c>debug</c>, bytecode, or finalizers; files only through
/// <see cref="Files"/>.</item>
/// <item>Runaway scripts are stopped by time, instruction and memory limits (<see cref="ScriptLimits"/>)
/// with an error at the script's line; the host stays usable.</item>
/// <item>C# functions registered with <see cref="RegisterFunction"/> never raise a Lua error: their
/// failures come back as a message that a Lua wrapper raises at the calling line.</item>
/// <item>C# objects reach scripts only as opaque handles (<see cref="RegisterHandleKind{T}"/>).</item>
/// </list>
/// One host runs one experiment. It is not thread-safe: only the thread that owns it (the one that
/// created it, or the one it was moved to with <see cref="MoveToCurrentThread"/>) may call it;
/// any other caller gets an <see cref="InvalidOperationException"/>. Dispose it to free the Lua state.
/// </summary>
public sealed unsafe partial class LuaHost : IDisposable
{
    private readonly LuaHostOptions _options;
    private readonly ScriptLimits _limits;
    private readonly TextWriter _output;
    private readonly string _workingDirectory;
    private readonly IntPtr _main;
    private readonly HostCounters* _counters;
    private readonly GCHandle _self;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    private FileAccessPolicy _files;
    private string? _scriptPath;
    private bool _disposed;

    public LuaHost(LuaHostOptions? options = null)
    {
        _options = options ?? new LuaHostOptions();
        _limits = _options.Limits ?? throw new ArgumentNullException(nameof(options), "Limits must not be null");
        if (_options.Hints is null) throw new ArgumentNullException(nameof(options), "Hints must not be null");
        if (string.IsNullOrEmpty(_options.WorkingDirectory) || !Path.IsPathFullyQualified(_options.WorkingDirectory))
            throw new ArgumentException($"WorkingDirectory must be an absolute path (got '{_options.WorkingDirectory}')", nameof(options));
        _workingDirectory = Path.GetFullPath(_options.WorkingDirectory);
        _output = _options.Output ?? Console.Out;
        _files = new FileAccessPolicy(_options.ReadRoots, _options.OutputDirectory, _workingDirectory, _workingDirectory);
        _limitMessages = LimitMessages(_limits);

        _main = LuaApi.NewState();
        if (_main == IntPtr.Zero) throw new OutOfMemoryException("cannot create a Lua state");
        _counters = (HostCounters*)NativeMemory.AllocZeroed((nuint)sizeof(HostCounters));
        _self = GCHandle.Alloc(this);
        try
        {
            InitializeCounters();
            OpenLibraries();
            LuaApi.SetHook(_main, CountHookPointer, LuaApi.HookMaskCount, _limits.CheckInterval);

            RunPrelude();
            int privateTable = LuaApi.GetTop(_main);
            _envReference = ReferenceField(privateTable, "env");
            _handlerReference = ReferenceField(privateTable, "handler");
            _preludeArmLimit = ReferenceField(privateTable, "arm_limit");
            _preludeWrap = ReferenceField(privateTable, "wrap");
            _preludeInstall = ReferenceField(privateTable, "install");
            _preludeHandleMethods = ReferenceField(privateTable, "handle_methods");
            _preludeHandleNewIndex = ReferenceField(privateTable, "handle_newindex");
            LuaApi.SetTop(_main, 0);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The limits scripts run under.</summary>
    public ScriptLimits Limits => _limits;

    /// <summary>Where the script's <c>print</c> goes (and host functions' progress lines).</summary>
    public TextWriter Output => _output;

    /// <summary>
    /// What scripts may read and write: the loaded script's folder and <see cref="LuaHostOptions.ReadRoots"/>
    /// for reading, <see cref="LuaHostOptions.OutputDirectory"/> for writing.
    /// </summary>
    public FileAccessPolicy Files => _files;

    /// <summary>The script being run, as its chunk is named (e.g. <c>scripts/weather.lua</c>); null before any.</summary>
    public string? ScriptPath => _scriptPath;

    /// <summary>Bytes the Lua state holds now.</summary>
    public long MemoryInUse => _disposed ? 0 : _counters->BytesInUse;

    /// <summary>A table to pass to callbacks, reused from call to call (see <see cref="ScriptContext"/>).</summary>
    public ScriptContext CreateContext()
    {
        ThrowIfDisposed();
        IntPtr l = ActiveThread;
        LuaApi.CreateTable(l, 0, 16);
        return new ScriptContext(this, LuaApi.Ref(l, LuaApi.RegistryIndex));
    }

    /// <summary>Runs a full Lua garbage collection (releasing handles scripts no longer reach).</summary>
    public void CollectGarbage()
    {
        ThrowIfDisposed();
        if (_scriptDepth > 0) throw new InvalidOperationException("cannot collect garbage while script code runs");
        LuaApi.GarbageCollect(_main, LuaApi.GcCollect, 0);
    }

    public void Dispose()
    {
        if (_disposed) return;
        CheckThread();
        if (_scriptDepth > 0) throw new InvalidOperationException("a LuaHost cannot be disposed while it runs script code");
        _disposed = true;
        if (_main != IntPtr.Zero)
        {
            if (_counters != null) _counters->Enforcing = 0;
            LuaApi.Close(_main);
        }
        _handles.Clear();
        if (_self.IsAllocated) _self.Free();
        if (_counters != null) NativeMemory.Free(_counters);
    }

    private void OpenLibraries()
    {
        (string Name, string Export)[] libraries =
        [
            ("_G", "luaopen_base"), ("coroutine", "luaopen_coroutine"), ("table", "luaopen_table"),
            ("string", "luaopen_string"), ("math", "luaopen_math"), ("utf8", "luaopen_utf8"),
            ("os", "luaopen_os"), ("debug", "luaopen_debug"),
        ];
        foreach ((string name, string export) in libraries)
        {
            byte[] cName = LuaApi.CString(name);
            fixed (byte* p = cName) LuaApi.RequireLibrary(_main, p, LuaApi.Export(export), 1);
            LuaApi.Pop(_main, 1);
        }
    }

    /// <summary>Pushes a string key, encoding each distinct key only once.</summary>
    internal void PushKey(IntPtr l, string key)
    {
        if (!_keys.TryGetValue(key, out byte[]? utf8))
        {
            utf8 = Encoding.UTF8.GetBytes(key);
            if (_keys.Count < 4096) _keys[key] = utf8;
        }
        LuaApi.PushUtf8(l, utf8);
    }

    private void CheckOwner(ScriptReference reference)
    {
        if (reference.Host != this) throw new ArgumentException("the value belongs to another LuaHost", nameof(reference));
    }

    /// <summary>Every entry point's check: the host is not disposed and the caller owns it.</summary>
    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckThread();
    }
}
