namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A handle the host made once and passes to many calls (e.g. the random source a generator gets
/// for each sample), so no call makes a new one. Create with <see cref="LuaHost.CreateHandleReference{T}"/>.
/// </summary>
public sealed class ScriptHandleReference : ScriptReference
{
    internal ScriptHandleReference(LuaHost host, int reference) : base(host, reference) { }
}
