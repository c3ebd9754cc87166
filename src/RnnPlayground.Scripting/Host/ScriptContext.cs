using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A table the host fills and passes to callbacks (<c>on_step(ctx)</c>), reused from call to call
/// so a per-step callback allocates nothing: set only the fields that changed. Lists set with
/// <see cref="SetFloats"/> reuse their table too. Scripts that keep the table beyond the callback
/// see it change; they should copy what they keep. Create with <see cref="LuaHost.CreateContext"/>.
/// </summary>
public sealed class ScriptContext : ScriptReference
{
    internal ScriptContext(LuaHost host, int reference) : base(host, reference) { }

    public void Set(string key, long value)
    {
        int table = Begin(out IntPtr l);
        LuaApi.PushInteger(l, value);
        End(l, table, key);
    }

    public void Set(string key, double value)
    {
        int table = Begin(out IntPtr l);
        LuaApi.PushNumber(l, value);
        End(l, table, key);
    }

    public void Set(string key, bool value)
    {
        int table = Begin(out IntPtr l);
        LuaApi.PushBoolean(l, value ? 1 : 0);
        End(l, table, key);
    }

    /// <summary>Sets a string field; null removes the field.</summary>
    public void Set(string key, string? value)
    {
        int table = Begin(out IntPtr l);
        if (value is null) LuaApi.PushNil(l);
        else LuaApi.PushString(l, value);
        End(l, table, key);
    }

    public void SetHandle<T>(string key, HandleKind<T> kind, T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        int table = Begin(out IntPtr l);
        Host.PushHandle(l, kind, value);
        End(l, table, key);
    }

    /// <summary>Sets a field to a registered host function (e.g. <c>ctx.stop</c> = <c>rnn.stop</c>), so scripts can call <c>ctx.stop()</c>.</summary>
    public void SetFunction(string key, string qualifiedName)
    {
        int table = Begin(out IntPtr l);
        Host.PushRegisteredFunction(l, qualifiedName);
        End(l, table, key);
    }

    /// <summary>Sets a list of numbers, reusing the list table already in the field.</summary>
    public void SetFloats(string key, ReadOnlySpan<float> values)
    {
        int table = Begin(out IntPtr l);
        TableWriting.SetNumberList(Host, l, table, key, values);
        LuaApi.SetTop(l, table - 1);
    }

    private int Begin(out IntPtr l)
    {
        l = Host.PushReferenced(Reference);
        return LuaApi.GetTop(l);
    }

    private void End(IntPtr l, int table, string key)
    {
        TableWriting.SetTop(Host, l, table, key);
        LuaApi.SetTop(l, table - 1);
    }
}
