using System.Globalization;
using System.Text;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// Calling script functions with kept values (handles, a state table) and reading a table they
// return, for host objects driven by script functions tick by tick (a world's observe).
public sealed unsafe partial class LuaHost
{
    /// <summary>Size of Lua 5.4's <c>lua_Debug</c> on 64-bit (136 bytes) with room to spare.</summary>
    private const int DebugRecordSize = 256;

    private const int DebugLineDefinedOffset = 52;
    private const int DebugShortSourceOffset = 68;
    private const int DebugShortSourceLength = 60;

    /// <summary>A handle kept as a value, to pass to script functions (dispose it when done).</summary>
    public ScriptValue KeepHandle<T>(HandleKind<T> kind, T value) where T : class
    {
        ThrowIfDisposed();
        IntPtr l = ActiveThread;
        if (LuaApi.CheckStack(l, 2) == 0) throw new InvalidOperationException("the Lua stack is full");
        PushHandle(l, kind, value);
        return new ScriptValue(this, LuaApi.Ref(l, LuaApi.RegistryIndex));
    }

    /// <summary>
    /// Calls <paramref name="function"/> with <paramref name="arguments"/> and keeps its first result
    /// (any value, nil included) in <paramref name="result"/>. Errors come back in
    /// <see cref="ScriptCallResult.Error"/>, as with <c>TryCall</c>.
    /// </summary>
    public ScriptCallResult TryCallKeeping(ScriptFunctionReference function, ReadOnlySpan<ScriptValue> arguments, out ScriptValue? result)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(function);
        CheckOwner(function);
        result = null;
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            PushCall(l, function, arguments);
            int status = CallScript(l, arguments.Length, 1, top + 1, out LimitKind limit);
            if (status != LuaApi.StatusOk) return new ScriptCallResult(true, BuildError(l, status, limit), null);
            result = new ScriptValue(this, LuaApi.Ref(l, LuaApi.RegistryIndex));
            return new ScriptCallResult(true, null, null);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    /// <summary>
    /// Calls <paramref name="function"/>(<paramref name="number"/>, <paramref name="arguments"/>…), which
    /// must return a table, and reads that table with <paramref name="read"/> with the checks of a host
    /// function's options (fields it does not read are refused). Returns null when all went well, else
    /// the error: the script's own (at its line), or what was wrong with the table, placed at the line
    /// where <paramref name="function"/> is defined and named <paramref name="what"/>
    /// (<c>scripts/x.lua:12: observe: 'x' must be a finite number (got nan)</c>).
    /// </summary>
    public ScriptException? TryCallReading(ScriptFunctionReference function, double number, ReadOnlySpan<ScriptValue> arguments,
        string what, Action<ScriptOptions> read)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(read);
        CheckOwner(function);
        IntPtr l = ActiveThread;
        int top = LuaApi.GetTop(l);
        try
        {
            if (LuaApi.CheckStack(l, arguments.Length + 6) == 0) throw new InvalidOperationException("the Lua stack is full");
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _handlerReference);
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, function.Reference);
            PushNumber(l, number);
            foreach (ScriptValue a in arguments) LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, a.Reference);
            int status = CallScript(l, arguments.Length + 1, 1, top + 1, out LimitKind limit);
            if (status != LuaApi.StatusOk) return BuildError(l, status, limit);
            int index = LuaApi.GetTop(l);
            try
            {
                if (LuaApi.Type(l, index) != LuaApi.TypeTable)
                    throw new ScriptArgumentException($"must return a table (got {LuaText.Describe(this, l, index)})");
                var scope = new List<ScriptOptions>();
                read(new ScriptOptions(this, l, index, "", scope));
                foreach (ScriptOptions options in scope) options.RejectUnknownFields();
                return null;
            }
            catch (ScriptArgumentException e)
            {
                (string place, int? line) = DefinedAt(function);
                return new ScriptException(ScriptErrorKind.Argument, $"{place}: {what}: {e.Message}", _scriptPath, line);
            }
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    /// <summary>Where a function is defined, as <c>scripts/x.lua:12</c> (and the line), from Lua's debug information.</summary>
    public (string Place, int? Line) DefinedAt(ScriptFunctionReference function)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(function);
        IntPtr l = PushReferenced(function.Reference);
        byte* record = stackalloc byte[DebugRecordSize];
        new Span<byte>(record, DebugRecordSize).Clear();
        byte* what = stackalloc byte[3];
        what[0] = (byte)'>';
        what[1] = (byte)'S';
        what[2] = 0;
        if (LuaApi.GetInfo(l, what, record) == 0) return (_scriptPath ?? "?", null); // pops the function
        int line = *(int*)(record + DebugLineDefinedOffset);
        var source = new ReadOnlySpan<byte>(record + DebugShortSourceOffset, DebugShortSourceLength);
        int end = source.IndexOf((byte)0);
        string file = Encoding.UTF8.GetString(end < 0 ? source : source[..end]);
        if (file.Length == 0) file = _scriptPath ?? "?";
        return line > 0 ? (string.Create(CultureInfo.InvariantCulture, $"{file}:{line}"), line) : (file, null);
    }

    private void PushCall(IntPtr l, ScriptFunctionReference function, ReadOnlySpan<ScriptValue> arguments)
    {
        if (LuaApi.CheckStack(l, arguments.Length + 4) == 0) throw new InvalidOperationException("the Lua stack is full");
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _handlerReference);
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, function.Reference);
        foreach (ScriptValue a in arguments)
        {
            CheckOwner(a);
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, a.Reference);
        }
    }
}
