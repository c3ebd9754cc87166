namespace RnnPlayground.Scripting.Host;

/// <summary>
/// Any Lua value the host keeps for a script between calls (e.g. the state a world's <c>init</c>
/// returned, or a handle passed to every call), to hand back to script functions with
/// <see cref="LuaHost.TryCallKeeping"/> and <see cref="LuaHost.TryCallReading"/>.
/// </summary>
public sealed class ScriptValue : ScriptReference
{
    internal ScriptValue(LuaHost host, int reference) : base(host, reference) { }
}
