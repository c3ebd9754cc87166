using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A Lua value the host keeps alive for C# (a reference in the Lua registry). Dispose it when done;
/// disposing the host releases all of them.
/// </summary>
public abstract class ScriptReference : IDisposable
{
    private int _reference;

    private protected ScriptReference(LuaHost host, int reference)
    {
        Host = host;
        _reference = reference;
    }

    /// <summary>The host this value lives in.</summary>
    public LuaHost Host { get; }

    internal int Reference
    {
        get
        {
            ObjectDisposedException.ThrowIf(_reference == LuaApi.NoReference, this);
            return _reference;
        }
    }

    public void Dispose()
    {
        if (_reference == LuaApi.NoReference) return;
        Host.ReleaseReference(_reference);
        _reference = LuaApi.NoReference;
    }
}
