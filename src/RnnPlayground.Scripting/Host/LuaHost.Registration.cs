using System.Text.RegularExpressions;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// Script code calling C#: registered functions, their Lua wrappers, and the dispatch that turns
// every C# failure into a message the wrapper raises at the script's line.
public sealed unsafe partial class LuaHost
{
    private readonly List<RegisteredFunction> _functions = [];
    private readonly List<ScriptCall> _calls = [];
    private int _dispatchDepth;

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
            return Fail(l, argumentCount, function, ScriptErrors.HostMessage(e), ScriptErrorKind.Runtime);
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

    private static void CheckName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"must be a Lua name such as 'lstm' (got '{name}')", parameter);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TablePathPattern();
}
