using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using RnnPlayground.Scripting.Native;

namespace RnnPlayground.Scripting;

/// <summary>
/// A sandboxed Lua 5.4 state that runs experiment scripts and owns every error they make.
/// <list type="bullet">
/// <item>Scripts run in a whitelisted environment built by a trusted prelude (<c>Lua/prelude.lua</c>):
/// base functions, <c>string</c>, <c>table</c>, <c>math</c>, <c>utf8</c>, <c>coroutine</c>,
/// <c>os.time/clock/date</c>, and the host's modules (<c>rnn.*</c>). No <c>io</c>, <c>os.execute</c>,
/// <c>package</c>, <c>require</c>, <c>debug</c>, bytecode, or finalizers; files only through
/// <see cref="Files"/>.</item>
/// <item>Runaway scripts are stopped by time, instruction and memory limits (<see cref="ScriptLimits"/>)
/// with an error at the script's line; the host stays usable.</item>
/// <item>C# functions registered with <see cref="RegisterFunction"/> never raise a Lua error: their
/// failures come back as a message that a Lua wrapper raises at the calling line.</item>
/// <item>C# objects reach scripts only as opaque handles (<see cref="RegisterHandleKind{T}"/>).</item>
/// </list>
/// One host runs one experiment. It is not thread-safe: use it from one thread at a time. Dispose
/// it to free the Lua state.
/// </summary>
public sealed unsafe partial class LuaHost : IDisposable
{
    private const string PreludeResource = "RnnPlayground.Scripting.prelude.lua";

    private readonly LuaHostOptions _options;
    private readonly ScriptLimits _limits;
    private readonly TextWriter _output;
    private readonly string _workingDirectory;
    private readonly IntPtr _main;
    private readonly HostCounters* _counters;
    private readonly GCHandle _self;
    private readonly List<RegisteredFunction> _functions = [];
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly string[] _limitMessages;

    private readonly int _envReference;
    private readonly int _handlerReference;
    private readonly int _preludeArmLimit;
    private readonly int _preludeWrap;
    private readonly int _preludeInstall;
    private readonly int _preludeHandleMethods;
    private readonly int _preludeHandleNewIndex;

    private FileAccessPolicy _files;
    private string? _scriptPath;
    private bool _disposed;

    public LuaHost(LuaHostOptions? options = null)
    {
        _options = options ?? new LuaHostOptions();
        _limits = _options.Limits ?? throw new ArgumentNullException(nameof(options), "Limits must not be null");
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

            RegisterFunction("rnn", "read_text", ReadText);
            RegisterFunction("rnn", "write_text", WriteText);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The limits scripts run under.</summary>
    public ScriptLimits Limits => _limits;

    /// <summary>
    /// What scripts may read and write: the loaded script's folder and <see cref="LuaHostOptions.ReadRoots"/>
    /// for reading, <see cref="LuaHostOptions.OutputDirectory"/> for writing.
    /// </summary>
    public FileAccessPolicy Files => _files;

    /// <summary>The script being run, as its chunk is named (e.g. <c>scripts/weather.lua</c>); null before any.</summary>
    public string? ScriptPath => _scriptPath;

    /// <summary>Bytes the Lua state holds now.</summary>
    public long MemoryInUse => _disposed ? 0 : _counters->BytesInUse;

    /// <summary>
    /// Makes <paramref name="function"/> callable from scripts as <c>{tablePath}.{name}</c>
    /// (e.g. <c>rnn.nn.lstm</c>); the tables are created as needed and are read-only to scripts.
    /// Its errors read <c>scripts/x.lua:14: rnn.nn.lstm: message</c>.
    /// </summary>
    /// <param name="tablePath">Dotted Lua names, e.g. "rnn.nn".</param>
    /// <param name="name">A Lua name, e.g. "lstm".</param>
    public void RegisterFunction(string tablePath, string name, ScriptFunction function)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(tablePath);
        if (!TablePathPattern().IsMatch(tablePath))
            throw new ArgumentException($"must be dotted Lua names such as 'rnn.nn' (got '{tablePath}')", nameof(tablePath));
        CheckName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(function);
        IntPtr l = _main;
        int top = LuaApi.GetTop(l);
        try
        {
            int id = AddFunction(new RegisteredFunction($"{tablePath}.{name}", function, null));
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _preludeInstall);
            LuaApi.PushString(l, tablePath);
            LuaApi.PushString(l, name);
            PushWrappedFunction(l, id);
            CallHostCode(l, 3, 0);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    /// <summary>
    /// Compiles and runs the script file at <paramref name="path"/> (relative paths from the working
    /// folder) and returns its experiment table: the table the script returns, or else its global
    /// <c>experiment</c>. The script's folder becomes readable. Its chunk is named after the path
    /// relative to the working folder, or as given when outside it.
    /// </summary>
    /// <exception cref="ScriptException">The script does not compile, raises an error, exceeds a limit, or defines no experiment.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public ScriptTable LoadScript(string path)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path, _workingDirectory);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"no script at '{path}'", fullPath);
        return RunScript(File.ReadAllBytes(fullPath), ChunkPath(path, fullPath), fullPath);
    }

    /// <summary>
    /// Like <see cref="LoadScript"/> for a script given as text, named <paramref name="scriptPath"/>
    /// in messages (its folder becomes readable, whether or not the file exists).
    /// </summary>
    public ScriptTable LoadScriptSource(string source, string scriptPath)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(scriptPath);
        string fullPath = Path.GetFullPath(scriptPath, _workingDirectory);
        return RunScript(Encoding.UTF8.GetBytes(source), ChunkPath(scriptPath, fullPath), fullPath);
    }

    /// <summary>
    /// Runs a chunk in the scripts' environment and returns its first result: null, <see cref="bool"/>,
    /// <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, a handle's C# object, or a
    /// <see cref="ScriptTable"/> (dispose it). For tests and consoles.
    /// </summary>
    /// <exception cref="ScriptException">The chunk does not compile, raises an error or exceeds a limit.</exception>
    public object? Evaluate(string source, string chunkName = "eval")
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(chunkName);
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            RunChunk(l, Encoding.UTF8.GetBytes(source), chunkName);
            return ToObject(l, -1, allowTable: true);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

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

    private void InitializeCounters()
    {
        HostCounters* c = _counters;
        c->Host = GCHandle.ToIntPtr(_self);
        *(HostCounters**)(_main - IntPtr.Size) = c;
        IntPtr originalData;
        c->OriginalAllocator = LuaApi.GetAllocator(_main, &originalData);
        c->OriginalAllocatorData = originalData;
        c->BytesInUse = LuaApi.GarbageCollect(_main, LuaApi.GcCount, 0) * 1024L + LuaApi.GarbageCollect(_main, LuaApi.GcCountBytes, 0);
        long? limit = _limits.MemoryLimitBytes;
        c->SoftLimit = limit ?? long.MaxValue;
        c->HardLimit = limit is { } bytes ? bytes + Math.Max(bytes / 2, 4L << 20) : long.MaxValue;
        c->CheckInterval = _limits.CheckInterval;
        c->Deadline = long.MaxValue;
        c->InstructionsLeft = long.MaxValue;
        LuaApi.SetAllocator(_main, AllocatorPointer, (IntPtr)c);
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

    private void RunPrelude()
    {
        using Stream stream = typeof(LuaHost).Assembly.GetManifestResourceStream(PreludeResource)
            ?? throw new InvalidOperationException($"the resource {PreludeResource} is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] source = buffer.ToArray();
        IntPtr l = _main;
        byte[] name = LuaApi.CString("=" + ScriptErrors.HostSource);
        byte[] mode = LuaApi.CString("t");
        int status;
        fixed (byte* s = source)
        fixed (byte* n = name)
        fixed (byte* m = mode)
            status = LuaApi.LoadBuffer(l, s, (nuint)source.Length, n, m);
        if (status != LuaApi.StatusOk) throw new InvalidOperationException("the host prelude does not compile: " + LuaApi.ToText(l, -1));

        LuaApi.CreateTable(l, 0, 4);
        int native = LuaApi.GetTop(l);
        (string Name, ScriptFunction Function)[] natives =
        [
            ("print_line", call => _output.WriteLine(call.String(1, "text"))),
            ("note_sandbox", call => _lastClassified = (call.String(1, "message"), ScriptErrorKind.Sandbox)),
            ("limit_active", call => call.Return(_counters->Tripped != 0 || _counters->MemoryRefused != 0)),
        ];
        foreach ((string nativeName, ScriptFunction function) in natives)
        {
            PushKey(l, nativeName);
            LuaApi.PushInteger(l, AddFunction(new RegisteredFunction(nativeName == "print_line" ? "print" : nativeName, function, null)));
            LuaApi.PushCClosure(l, DispatchPointer, 1);
            LuaApi.RawSet(l, native);
        }
        RegisterPatternNatives(l, native);
        CallHostCode(l, 1, 1);
        if (LuaApi.Type(l, -1) != LuaApi.TypeTable) throw new InvalidOperationException("the host prelude must return a table");
    }

    private int ReferenceField(int table, string key)
    {
        PushKey(_main, key);
        if (LuaApi.RawGet(_main, table) <= LuaApi.TypeNil)
            throw new InvalidOperationException($"the host prelude returns no '{key}'");
        return LuaApi.Ref(_main, LuaApi.RegistryIndex);
    }

    /// <summary>Pushes the script-facing wrapper of the registered function <paramref name="qualifiedName"/> (e.g. "rnn.stop").</summary>
    internal void PushRegisteredFunction(IntPtr l, string qualifiedName)
    {
        int id = _functions.FindIndex(f => f.QualifiedName == qualifiedName);
        if (id < 0) throw new ArgumentException($"no host function '{qualifiedName}' is registered", nameof(qualifiedName));
        PushWrappedFunction(l, id);
    }

    private int AddFunction(RegisteredFunction function)
    {
        _functions.Add(function);
        return _functions.Count - 1;
    }

    /// <summary>Pushes the Lua wrapper of registered function <paramref name="id"/>.</summary>
    private void PushWrappedFunction(IntPtr l, int id)
    {
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _preludeWrap);
        LuaApi.PushInteger(l, id);
        LuaApi.PushCClosure(l, DispatchPointer, 1);
        CallHostCode(l, 1, 1);
    }

    /// <summary>Calls a prelude function with one string argument, leaving its result on the stack.</summary>
    private void CallPrelude(int reference, string argument)
    {
        LuaApi.RawGetInteger(_main, LuaApi.RegistryIndex, reference);
        LuaApi.PushString(_main, argument);
        CallHostCode(_main, 1, 1);
    }

    /// <summary>Calls the host's own Lua code (prelude functions); an error there is a bug, not a script mistake.</summary>
    private static void CallHostCode(IntPtr l, int arguments, int results)
    {
        int status = LuaApi.PCall(l, arguments, results, 0);
        if (status != LuaApi.StatusOk)
        {
            string message = LuaApi.ToText(l, -1) ?? "(no message)";
            LuaApi.Pop(l, 1);
            throw new InvalidOperationException(message);
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

    private void ReadText(ScriptCall call)
    {
        string path = call.String(1, "path");
        string fullPath = Files.ResolveRead(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"cannot read '{path}': no such file");
        long size = new FileInfo(fullPath).Length;
        long room = _counters->SoftLimit - _counters->BytesInUse;
        if (size > room / 2)
            throw new ScriptArgumentException($"'{path}' is too large to read ({size} bytes) within the script's memory limit");
        call.Return(File.ReadAllText(fullPath, Encoding.UTF8));
    }

    private void WriteText(ScriptCall call)
    {
        string path = call.String(1, "path");
        string text = call.String(2, "text");
        string fullPath = Files.ResolveWrite(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The chunk name: relative to the working folder when inside it, else as given; '/' separators.</summary>
    private string ChunkPath(string given, string fullPath)
    {
        string shown = Path.IsPathFullyQualified(given) && fullPath.StartsWith(_workingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(_workingDirectory, fullPath)
            : given;
        shown = shown.Replace('\\', '/');
        while (shown.StartsWith("./", StringComparison.Ordinal)) shown = shown[2..];
        return shown;
    }

    private static string[] LimitMessages(ScriptLimits limits)
    {
        var messages = new string[4];
        messages[(int)LimitKind.Time] = limits.TimeLimit is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"script exceeded its time limit of {time.TotalSeconds:0.0##} s")
            : "script exceeded its time limit";
        messages[(int)LimitKind.Instructions] = limits.InstructionBudget is { } budget
            ? string.Create(CultureInfo.InvariantCulture, $"script exceeded its instruction budget of {budget} instructions")
            : "script exceeded its instruction budget";
        messages[(int)LimitKind.Memory] = limits.MemoryLimitBytes is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"script exceeded its memory limit of {bytes / (1024.0 * 1024.0):0.##} MiB")
            : "script ran out of memory";
        messages[(int)LimitKind.None] = "";
        return messages;
    }

    private static void CheckName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"must be a Lua name such as 'lstm' (got '{name}')", parameter);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TablePathPattern();
}
