namespace RnnPlayground.Scripting.Host;

/// <summary>A Lua function a script handed to the host (e.g. a learning-rate schedule), to call later with <see cref="LuaHost.TryCall(ScriptFunctionReference, ReadOnlySpan{double})"/>.</summary>
public sealed class ScriptFunctionReference : ScriptReference
{
    internal ScriptFunctionReference(LuaHost host, int reference) : base(host, reference) { }
}
