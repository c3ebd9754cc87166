using System.Diagnostics;
using RnnPlayground.Scripting.Native;

namespace RnnPlayground.Scripting;

// Calls both ways: C# into script code (always protected, with the traceback handler and the
// limits), and script code into registered C# functions (through Invoke).
public sealed unsafe partial class LuaHost
{
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly List<ScriptCall> _calls = [];
    private IntPtr _activeState;
    private int _scriptDepth;
    private int _dispatchDepth;
    private (string Message, ScriptErrorKind Kind)? _lastClassified;
    private CancellationTokenSource? _deadlineSource;

    /// <summary>The Lua thread host code must use now: the coroutine that called into C#, or the main thread.</summary>
    private IntPtr ActiveThread => _activeState == IntPtr.Zero ? _main : _activeState;

    /// <summary>
    /// Calls the function in field <paramref name="functionName"/> of <paramref name="target"/> (e.g.
    /// the experiment's <c>on_step</c>) with <paramref name="context"/> as its argument, if the script
    /// defines it; a callback the script leaves out is simply not called. Never throws for a script
    /// mistake: an error, including a limit, comes back in <see cref="ScriptCallResult.Error"/>.
    /// </summary>
    public ScriptCallResult TryCall(ScriptTable target, string functionName, ScriptContext? context = null)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        CheckOwner(target);
        if (context is not null) CheckOwner(context);
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            if (LuaApi.CheckStack(l, 6) == 0) throw new InvalidOperationException("the Lua stack is full");
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _handlerReference);
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, target.Reference);
            PushKey(l, functionName);
            int type = LuaApi.RawGet(l, top + 2);
            if (type == LuaApi.TypeNil) return ScriptCallResult.NotDefined;
            if (type != LuaApi.TypeFunction)
            {
                string message = $"'{functionName}' must be a function (got {LuaText.Describe(this, l, -1)})";
                return new ScriptCallResult(true, new ScriptException(ScriptErrorKind.Runtime,
                    _scriptPath is null ? message : $"{_scriptPath}: {message}", _scriptPath, null), null);
            }
            LuaApi.Rotate(l, top + 2, -1);
            LuaApi.Pop(l, 1);
            int arguments = 0;
            if (context is not null)
            {
                LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, context.Reference);
                arguments = 1;
            }
            return CallForResult(l, top + 1, arguments);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    /// <summary>
    /// Calls a function a script handed over (e.g. a schedule) with numbers as arguments. Errors come
    /// back in <see cref="ScriptCallResult.Error"/>, as with the other <c>TryCall</c>.
    /// </summary>
    public ScriptCallResult TryCall(ScriptFunctionReference function, params ReadOnlySpan<double> arguments)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(function);
        CheckOwner(function);
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            if (LuaApi.CheckStack(l, arguments.Length + 4) == 0) throw new InvalidOperationException("the Lua stack is full");
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _handlerReference);
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, function.Reference);
            foreach (double argument in arguments) PushNumber(l, argument);
            return CallForResult(l, top + 1, arguments.Length);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    internal bool TableHasFunction(ScriptTable table, string name)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(name);
        IntPtr l = PushReferenced(table.Reference);
        int top = LuaApi.GetTop(l);
        PushKey(l, name);
        bool isFunction = LuaApi.RawGet(l, top) == LuaApi.TypeFunction;
        LuaApi.SetTop(l, top - 1);
        return isFunction;
    }

    internal T ReadTable<T>(ScriptTable table, string what, Func<ScriptOptions, T> read)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(what);
        ArgumentNullException.ThrowIfNull(read);
        IntPtr l = PushReferenced(table.Reference);
        int index = LuaApi.GetTop(l);
        try
        {
            var scope = new List<ScriptOptions>();
            T result = read(new ScriptOptions(this, l, index, "", scope));
            foreach (ScriptOptions options in scope) options.RejectUnknownFields();
            return result;
        }
        catch (ScriptArgumentException e)
        {
            string message = _scriptPath is null ? $"{what}: {e.Message}" : $"{_scriptPath}: {what}: {e.Message}";
            throw new ScriptException(ScriptErrorKind.Argument, message, _scriptPath, null);
        }
        finally
        {
            LuaApi.SetTop(l, index - 1);
        }
    }

    internal ScriptFunctionReference ReferenceFunction(IntPtr l, int index)
    {
        LuaApi.PushValue(l, index);
        return new ScriptFunctionReference(this, LuaApi.Ref(l, LuaApi.RegistryIndex));
    }

    internal void ReleaseReference(int reference)
    {
        if (!_disposed) LuaApi.Unref(_main, LuaApi.RegistryIndex, reference);
    }

    /// <summary>Pushes a referenced value on the active thread and returns that thread.</summary>
    internal IntPtr PushReferenced(int reference)
    {
        ThrowIfDisposed();
        IntPtr l = ActiveThread;
        if (LuaApi.CheckStack(l, 6) == 0) throw new InvalidOperationException("the Lua stack is full");
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, reference);
        return l;
    }

    /// <summary>Script function → registered C# function. Catches everything; returns <c>true, results…</c> or <c>false, message</c>.</summary>
    private int Invoke(IntPtr l)
    {
        int id = (int)LuaApi.ToInteger(l, LuaApi.UpvalueIndex(1), null);
        RegisteredFunction function = _functions[id];
        int argumentCount = LuaApi.GetTop(l);
        IntPtr savedActive = _activeState;
        _activeState = l;
        if (_dispatchDepth == _calls.Count) _calls.Add(new ScriptCall(this));
        ScriptCall call = _calls[_dispatchDepth++];
        try
        {
            if (LuaApi.CheckStack(l, 8) == 0) return Fail(l, argumentCount, function, "the Lua stack is full", ScriptErrorKind.Runtime);
            new WorkMeter(_counters).Charge(0);
            call.Begin(l, function, argumentCount);
            function.Callback(call);
            return call.Finish();
        }
        catch (ScriptArgumentException e)
        {
            return Fail(l, argumentCount, function, e.Message, ScriptErrorKind.Argument);
        }
        catch (ScriptLimitException e)
        {
            return Fail(l, argumentCount, function, _limitMessages[(int)e.Limit], ScriptErrorKind.Limit);
        }
        catch (OperationCanceledException) when (_deadlineSource?.IsCancellationRequested == true)
        {
            _counters->Tripped = (int)LimitKind.Time;
            return Fail(l, argumentCount, function, _limitMessages[(int)LimitKind.Time], ScriptErrorKind.Limit);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(l, argumentCount, function, e.Message, ScriptErrorKind.Sandbox);
        }
        catch (ScriptException e)
        {
            return Fail(l, argumentCount, function, e.Message, e.Kind);
        }
        catch (Exception e)
        {
            return Fail(l, argumentCount, function, e.Message.ReplaceLineEndings("; "), ScriptErrorKind.Runtime);
        }
        finally
        {
            call.End();
            _dispatchDepth--;
            _activeState = savedActive;
        }
    }

    private int Fail(IntPtr l, int argumentCount, RegisteredFunction function, string message, ScriptErrorKind kind)
    {
        string text = $"{function.QualifiedName}: {message}";
        _lastClassified = (text, kind);
        LuaApi.SetTop(l, argumentCount);
        LuaApi.PushBoolean(l, 0);
        LuaApi.PushString(l, text);
        return 2;
    }

    private ScriptTable RunScript(byte[] source, string chunkPath, string fullPath)
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
        throw ScriptErrors.Create(ScriptErrorKind.Syntax, message, null, chunkName);
    }

    /// <summary>Runs a prepared call and converts its outcome; the stack is left for the caller to reset.</summary>
    private ScriptCallResult CallForResult(IntPtr l, int handlerIndex, int arguments)
    {
        int status = CallScript(l, arguments, 1, handlerIndex, out LimitKind limit);
        if (status != LuaApi.StatusOk) return new ScriptCallResult(true, BuildError(l, status, limit), null);
        return new ScriptCallResult(true, null, ToObject(l, -1, allowTable: false));
    }

    /// <summary>
    /// The one way C# enters script code: a protected call under the limits, with the prelude's
    /// traceback handler. The outermost call starts the clock and budget; nested ones (a callback
    /// calling back into Lua) share them.
    /// </summary>
    private int CallScript(IntPtr l, int arguments, int results, int handlerIndex, out LimitKind limit)
    {
        HostCounters* c = _counters;
        bool outermost = _scriptDepth == 0;
        if (outermost) StartLimits(l);
        _scriptDepth++;
        int savedRefusal = c->RefusalAllowed;
        IntPtr savedActive = _activeState;
        c->RefusalAllowed = 1;
        _activeState = l;
        try
        {
            int status = LuaApi.PCall(l, arguments, results, handlerIndex);
            limit = c->Tripped != 0 ? (LimitKind)c->Tripped : c->MemoryRefused != 0 ? LimitKind.Memory : LimitKind.None;
            return status;
        }
        finally
        {
            c->RefusalAllowed = savedRefusal;
            _activeState = savedActive;
            _scriptDepth--;
            if (outermost) StopLimits();
        }
    }

    private void StartLimits(IntPtr l)
    {
        HostCounters* c = _counters;
        c->Tripped = 0;
        c->MemoryRefused = 0;
        _lastClassified = null;
        c->Deadline = _limits.TimeLimit is { } time
            ? Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
        c->InstructionsLeft = _limits.InstructionBudget ?? long.MaxValue;
        if (c->BytesInUse > c->SoftLimit) LuaApi.GarbageCollect(l, LuaApi.GcCollect, 0);
        c->Enforcing = 1;
    }

    private void StopLimits()
    {
        HostCounters* c = _counters;
        c->Enforcing = 0;
        _deadlineSource?.Dispose();
        _deadlineSource = null;
        c->Deadline = long.MaxValue;
        c->InstructionsLeft = long.MaxValue;
        // A stopped thread's hook was replaced by the raising one: give the main thread its check back.
        if (c->Tripped != 0) LuaApi.SetHook(_main, CountHookPointer, LuaApi.HookMaskCount, _limits.CheckInterval);
        // What a runaway allocation left behind is garbage now: give it back at once.
        if (c->Tripped == (int)LimitKind.Memory || c->MemoryRefused != 0) LuaApi.GarbageCollect(_main, LuaApi.GcCollect, 0);
        c->Tripped = 0;
        c->MemoryRefused = 0;
    }

    /// <summary>
    /// Cancelled once the running call into script code passes its time limit: host functions pass
    /// it to long loops in Core, and the host turns the cancellation into the time-limit error.
    /// </summary>
    internal CancellationToken HostCallCancellation
    {
        get
        {
            HostCounters* c = _counters;
            if (c->Enforcing == 0 || c->Deadline == long.MaxValue) return CancellationToken.None;
            if (_deadlineSource is null)
            {
                double seconds = Math.Max(0, c->Deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
                _deadlineSource = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            }
            return _deadlineSource.Token;
        }
    }

    /// <summary>Has the prelude arm the raising hook on thread <paramref name="l"/> (called from the count hook).</summary>
    private void ArmLimit(IntPtr l, LimitKind limit)
    {
        int top = LuaApi.GetTop(l);
        if (LuaApi.CheckStack(l, 3) == 0) return;
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _preludeArmLimit);
        LuaApi.PushString(l, _limitMessages[(int)limit]);
        LuaApi.PCall(l, 1, 0, 0);
        LuaApi.SetTop(l, top);
    }

    /// <summary>The exception for a failed protected call, from the handler's <c>{message, traceback}</c> on the stack.</summary>
    private ScriptException BuildError(IntPtr l, int status, LimitKind limit)
    {
        string message;
        string? traceback = null;
        if (LuaApi.Type(l, -1) == LuaApi.TypeTable)
        {
            LuaApi.RawGetInteger(l, -1, 1);
            message = LuaApi.ToStringStrict(l, -1) ?? "(error without a message)";
            LuaApi.RawGetInteger(l, -2, 2);
            traceback = LuaApi.ToStringStrict(l, -1);
            LuaApi.Pop(l, 2);
        }
        else
        {
            message = LuaApi.ToStringStrict(l, -1) ?? "(error without a message)";
        }

        ScriptErrorKind kind;
        if (limit != LimitKind.None)
        {
            kind = ScriptErrorKind.Limit;
            if (status == LuaApi.StatusMemoryError || !message.Contains(_limitMessages[(int)limit], StringComparison.Ordinal))
                message = _scriptPath is null ? _limitMessages[(int)limit] : $"{_scriptPath}: {_limitMessages[(int)limit]}";
        }
        else if (_lastClassified is { } classified && ScriptErrors.WithoutPosition(message) == classified.Message)
        {
            kind = classified.Kind;
        }
        else
        {
            kind = ScriptErrorKind.Runtime;
        }
        // A message without a position (e.g. raised from `return f(x)`, a tail call that drops the
        // script's frame) still names the script.
        if (_scriptPath is not null && ScriptErrors.WithoutPosition(message) == message &&
            !message.StartsWith(_scriptPath + ":", StringComparison.Ordinal))
            message = $"{_scriptPath}: {message}";
        return ScriptErrors.Create(kind, message, traceback, _scriptPath);
    }

    /// <summary>A Lua value as a C# object (see <see cref="Evaluate"/>).</summary>
    private object? ToObject(IntPtr l, int index, bool allowTable)
    {
        switch (LuaApi.Type(l, index))
        {
            case LuaApi.TypeBoolean:
                return LuaApi.ToBoolean(l, index) != 0 ? True : False;
            case LuaApi.TypeNumber:
                return LuaApi.IsInteger(l, index) != 0 ? LuaApi.ToInteger(l, index) : LuaApi.ToNumber(l, index);
            case LuaApi.TypeString:
                return LuaApi.ToText(l, index);
            case LuaApi.TypeUserData:
                return HandleTargetAt(l, index);
            case LuaApi.TypeTable when allowTable:
                LuaApi.PushValue(l, index);
                return new ScriptTable(this, LuaApi.Ref(l, LuaApi.RegistryIndex));
            default:
                return null;
        }
    }

    /// <summary>Pushes a number as a Lua integer when it is one, so scripts see 3 rather than 3.0.</summary>
    private static void PushNumber(IntPtr l, double value)
    {
        if (Math.Floor(value) == value && Math.Abs(value) < 9.0e15) LuaApi.PushInteger(l, (long)value);
        else LuaApi.PushNumber(l, value);
    }

    private void CheckOwner(ScriptReference reference)
    {
        if (reference.Host != this) throw new ArgumentException("the value belongs to another LuaHost", nameof(reference));
    }
}
