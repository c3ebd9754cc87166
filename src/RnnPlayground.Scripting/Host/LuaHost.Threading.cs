namespace RnnPlayground.Scripting.Host;

// Which thread may use the Lua state. Lua states are not thread-safe: two threads in one state
// corrupt its stack. Every entry point checks the caller (an always-on guard: one thread-id read).
public sealed partial class LuaHost
{
    private int _ownerThread = Environment.CurrentManagedThreadId;

    /// <summary>
    /// Hands the Lua state to the calling thread: from now on only it may call in (the thread that
    /// created the host owns it until then). For a thread that takes over a host another one built,
    /// e.g. the simulation thread of the live window; the previous owner must not touch it again.
    /// </summary>
    /// <exception cref="InvalidOperationException">Script code is running (a call is in progress).</exception>
    public void MoveToCurrentThread()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_scriptDepth > 0) throw new InvalidOperationException("a Lua state cannot change threads while script code runs");
        Volatile.Write(ref _ownerThread, Environment.CurrentManagedThreadId);
    }

    /// <summary>Throws unless the calling thread owns the state (see <see cref="MoveToCurrentThread"/>).</summary>
    /// <exception cref="InvalidOperationException">Another thread owns the state.</exception>
    private void CheckThread()
    {
        int owner = Volatile.Read(ref _ownerThread);
        if (owner != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException(
                $"Lua state of {_scriptPath ?? "a script"} used from thread {Environment.CurrentManagedThreadId}, but thread {owner} owns it (Lua states are single-threaded)");
        }
    }
}
