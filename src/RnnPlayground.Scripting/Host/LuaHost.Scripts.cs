using System.Text;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// Loading scripts: compiling text chunks in the scripts' environment, running them, and finding
// the experiment table a script defines.
public sealed unsafe partial class LuaHost
{
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
        return RunScript(File.ReadAllBytes(fullPath), ChunkPath(path, fullPath), fullPath, requireTable: true)!;
    }

    /// <summary>
    /// Compiles and runs the script file at <paramref name="path"/> for what it does (a test file
    /// registering its cases), like <see cref="LoadScript"/> but without asking for an experiment table.
    /// </summary>
    /// <exception cref="ScriptException">The script does not compile, raises an error or exceeds a limit.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public void RunFile(string path)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path, _workingDirectory);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"no script at '{path}'", fullPath);
        RunScript(File.ReadAllBytes(fullPath), ChunkPath(path, fullPath), fullPath, requireTable: false);
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
        return RunScript(Encoding.UTF8.GetBytes(source), ChunkPath(scriptPath, fullPath), fullPath, requireTable: true)!;
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

    private ScriptTable? RunScript(byte[] source, string chunkPath, string fullPath, bool requireTable)
    {
        string directory = Path.GetDirectoryName(fullPath) ?? _workingDirectory;
        _files = new FileAccessPolicy(_options.ReadRoots.Append(directory), _options.OutputDirectory, directory, _workingDirectory);
        _scriptPath = chunkPath;
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _envReference);
            PushKey(l, "experiment");
            LuaApi.PushNil(l);
            LuaApi.RawSet(l, -3);
            LuaApi.Pop(l, 1);

            RunChunk(l, source, chunkPath);
            if (!requireTable) return null;
            if (LuaApi.Type(l, -1) != LuaApi.TypeTable)
            {
                string returned = LuaApi.GetTop(l) > top && LuaApi.Type(l, -1) != LuaApi.TypeNil
                    ? $"it returned {LuaText.Describe(this, l, -1)}"
                    : "it returned nothing";
                LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _envReference);
                PushKey(l, "experiment");
                if (LuaApi.RawGet(l, -2) != LuaApi.TypeTable)
                {
                    throw new ScriptException(ScriptErrorKind.Runtime,
                        $"{chunkPath}: the script must return an experiment table or define a global 'experiment' table ({returned})",
                        chunkPath, null, hint: "end the script with 'return experiment' or set experiment = { ... }");
                }
            }
            LuaApi.PushValue(l, -1);
            return new ScriptTable(this, LuaApi.Ref(l, LuaApi.RegistryIndex));
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    /// <summary>Compiles <paramref name="source"/> as a text chunk in the scripts' environment and runs it, leaving its first result on the stack.</summary>
    private void RunChunk(IntPtr l, byte[] source, string chunkName)
    {
        if (LuaApi.CheckStack(l, 4) == 0) throw new InvalidOperationException("the Lua stack is full");
        int top = LuaApi.GetTop(l);
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _handlerReference);
        CompileChunk(l, source, chunkName);
        int status = CallScript(l, 0, 1, top + 1, out LimitKind limit);
        if (status != LuaApi.StatusOk) throw BuildError(l, status, limit);
        LuaApi.Rotate(l, top + 1, -1);
        LuaApi.Pop(l, 1);
    }

    private void CompileChunk(IntPtr l, byte[] source, string chunkName)
    {
        int start = 0;
        if (source.Length >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF) start = 3;
        if (source.Length > start && source[start] == (byte)'#')
        {
            // A '#!' first line, as the standalone interpreter allows: blanked, so line numbers stay.
            source = (byte[])source.Clone();
            for (int i = start; i < source.Length && source[i] != (byte)'\n'; i++) source[i] = (byte)' ';
        }
        byte[] name = LuaApi.CString("@" + chunkName);
        byte[] mode = LuaApi.CString("t");
        int status;
        int saved = _counters->RefusalAllowed;
        _counters->RefusalAllowed = 1;
        try
        {
            fixed (byte* s = source)
            fixed (byte* n = name)
            fixed (byte* m = mode)
                status = LuaApi.LoadBuffer(l, s + start, (nuint)(source.Length - start), n, m);
        }
        finally
        {
            _counters->RefusalAllowed = saved;
        }
        if (status == LuaApi.StatusOk)
        {
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _envReference);
            LuaApi.SetUpvalue(l, -2, 1);
            return;
        }
        string message = LuaApi.ToText(l, -1) ?? "(no message)";
        LuaApi.Pop(l, 1);
        if (status == LuaApi.StatusMemoryError)
            throw new ScriptException(ScriptErrorKind.Limit, $"{chunkName}: {_limitMessages[(int)LimitKind.Memory]}", chunkName, null);
        if (message.Contains("binary chunk", StringComparison.Ordinal))
            throw new ScriptException(ScriptErrorKind.Sandbox, $"{chunkName}: {message}", chunkName, null,
                hint: "scripts must be Lua source text; precompiled chunks are refused");
        if (ScriptErrors.WithoutPosition(message) != message) throw ScriptErrors.Create(ScriptErrorKind.Syntax, message, null, chunkName, _options.Hints);
        if (message.Contains("stack overflow", StringComparison.Ordinal))
        {
            // Lua's parser reports running out of C stack (nesting some 200 levels deep) without a position.
            int line = NestingScanner.DeepestLine(source.AsSpan(start));
            throw ScriptErrors.Create(ScriptErrorKind.Syntax, $"{chunkName}:{line}: the script nests too deeply ({message})", null, chunkName, _options.Hints,
                hint: "Lua's parser allows about 200 levels of nested brackets, tables, functions and blocks: split the expression, or build the table in steps");
        }
        throw ScriptErrors.Create(ScriptErrorKind.Syntax, $"{chunkName}: {message}", null, chunkName, _options.Hints);
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
}
