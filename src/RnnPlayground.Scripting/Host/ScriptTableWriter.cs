using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

/// <summary>Fills a table a host function returns (<see cref="ScriptCall.ReturnTable"/>); valid during the call.</summary>
public readonly struct ScriptTableWriter
{
    private readonly LuaHost _host;
    private readonly IntPtr _l;
    private readonly int _index;

    internal ScriptTableWriter(LuaHost host, IntPtr l, int index)
    {
        _host = host;
        _l = l;
        _index = index;
    }

    public ScriptTableWriter Set(string key, long value)
    {
        Reserve();
        LuaApi.PushInteger(_l, value);
        TableWriting.SetTop(_host, _l, _index, key);
        return this;
    }

    public ScriptTableWriter Set(string key, double value)
    {
        Reserve();
        LuaApi.PushNumber(_l, value);
        TableWriting.SetTop(_host, _l, _index, key);
        return this;
    }

    public ScriptTableWriter Set(string key, bool value)
    {
        Reserve();
        LuaApi.PushBoolean(_l, value ? 1 : 0);
        TableWriting.SetTop(_host, _l, _index, key);
        return this;
    }

    public ScriptTableWriter Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Reserve();
        LuaApi.PushString(_l, value);
        TableWriting.SetTop(_host, _l, _index, key);
        return this;
    }

    public ScriptTableWriter SetFloats(string key, ReadOnlySpan<float> values)
    {
        Reserve();
        TableWriting.PushNumberList(_l, values);
        TableWriting.SetTop(_host, _l, _index, key);
        return this;
    }

    public ScriptTableWriter SetHandle<T>(string key, HandleKind<T> kind, T value) where T : class
    {
        Reserve();
        _host.PushHandle(_l, kind, value);
        TableWriting.SetTop(_host, _l, _index, key);
        return this;
    }

    /// <summary>Adds a nested table in field <paramref name="key"/> and returns a writer for it.</summary>
    public ScriptTableWriter SetTable(string key, int expectedFields = 0)
    {
        Reserve();
        LuaApi.CreateTable(_l, 0, Math.Max(0, expectedFields));
        LuaApi.PushValue(_l, -1);
        TableWriting.SetTop(_host, _l, _index, key);
        // The nested table stays on the stack (below any later results) until the call returns.
        return new ScriptTableWriter(_host, _l, LuaApi.GetTop(_l));
    }

    private void Reserve()
    {
        if (_l == IntPtr.Zero) throw new InvalidOperationException("this writer belongs to no table");
        if (LuaApi.CheckStack(_l, 4) == 0) throw new ScriptArgumentException("the Lua stack is full");
    }
}
