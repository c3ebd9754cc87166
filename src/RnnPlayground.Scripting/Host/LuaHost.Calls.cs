using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// C# calling script code: callbacks and functions a script handed over, always as a protected call
// under the limits with the traceback handler; and reading the values and tables scripts hold.
public sealed unsafe partial class LuaHost
{
    private static readonly object True = true;
    private static readonly object False = false;

    private IntPtr _activeState;
    private int _scriptDepth;

    /// <summary>The Lua thread host code must use now: the coroutine that called into C#, or the main thread.</summary>
    private IntPtr ActiveThread => _activeState == IntPtr.Zero ? _main : _activeState;

    /// <summary>
    /// Calls the function in field <paramref name="functionName"/> of <paramref name="target"/> (e.g.
    /// the experiment's <c>on_step</c>) with <paramref name="context"/> as its argument, if the script
    /// defines it; a callback the script leaves out is simply not called. Never throws for a script
    /// mistake: an error, including a limit, comes back in <see cref="ScriptCallResult.Error"/>. An
    /// <paramref name="argument"/> follows the context (<c>on_key(ctx, key)</c>).
    /// </summary>
    public ScriptCallResult TryCall(ScriptTable target, string functionName, ScriptContext? context = null, ScriptArgument? argument = null)
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
            if (argument is { } extra)
            {
                PushArgument(l, extra);
                arguments++;
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

    /// <summary>
    /// Calls a function a script handed over with <paramref name="arguments"/> and reads its first
    /// <paramref name="results"/>.Length results as numbers (null for nil; see <see cref="ScriptNumbers"/>),
    /// named <paramref name="resultNames"/> in messages. A script error, including a limit, comes back
    /// in <see cref="ScriptCallResult.Error"/>.
    /// </summary>
    /// <exception cref="ScriptArgumentException">A result is neither nil nor numbers, or a list of lists whose rows differ.</exception>
    public ScriptCallResult TryCall(ScriptFunctionReference function, ReadOnlySpan<ScriptArgument> arguments,
        ReadOnlySpan<string> resultNames, Span<ScriptNumbers?> results)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(function);
        if (resultNames.Length != results.Length) throw new ArgumentException("one name per result", nameof(resultNames));
        CheckOwner(function);
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            if (LuaApi.CheckStack(l, arguments.Length + results.Length + 4) == 0) throw new InvalidOperationException("the Lua stack is full");
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _handlerReference);
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, function.Reference);
            foreach (ScriptArgument argument in arguments) PushArgument(l, argument);
            int status = CallScript(l, arguments.Length, results.Length, top + 1, out LimitKind limit);
            if (status != LuaApi.StatusOk) return new ScriptCallResult(true, BuildError(l, status, limit), null);
            int first = LuaApi.GetTop(l) - results.Length + 1;
            for (int i = 0; i < results.Length; i++)
                results[i] = LuaApi.Type(l, first + i) <= LuaApi.TypeNil ? null : NumbersReader.Read(this, l, first + i, resultNames[i]);
            return new ScriptCallResult(true, null, null);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    private void PushArgument(IntPtr l, ScriptArgument argument)
    {
        if (argument.Reference is { } reference)
        {
            CheckOwner(reference);
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, reference.Reference);
        }
        else if (argument.Text is { } text) LuaApi.PushString(l, text);
        else PushNumber(l, argument.Number);
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
        if (_disposed) return;
        CheckThread();
        LuaApi.Unref(_main, LuaApi.RegistryIndex, reference);
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
}
