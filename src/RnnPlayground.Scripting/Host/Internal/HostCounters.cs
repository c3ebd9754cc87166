using System.Runtime.InteropServices;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>Which limit stopped a script.</summary>
internal enum LimitKind
{
    None = 0,
    Time = 1,
    Instructions = 2,
    Memory = 3,
}

/// <summary>
/// The state the allocator and the count hook share with the host, in unmanaged memory so both
/// reach it from a Lua state pointer without touching a managed object: every Lua thread's extra
/// space points here.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HostCounters
{
    /// <summary>GCHandle of the owning <see cref="LuaHost"/>.</summary>
    public IntPtr Host;
    public IntPtr OriginalAllocator;
    public IntPtr OriginalAllocatorData;

    /// <summary>Bytes the Lua state holds now.</summary>
    public long BytesInUse;

    /// <summary>Above this the count hook stops the script (after one full collection).</summary>
    public long SoftLimit;

    /// <summary>Above this the allocator refuses to grow (only where a refusal unwinds no .NET frame).</summary>
    public long HardLimit;

    /// <summary>Stopwatch timestamp after which the running call is stopped.</summary>
    public long Deadline;

    public long InstructionsLeft;
    public int CheckInterval;

    /// <summary>1 while Lua runs under a protected call the host made and no .NET frame is above it.</summary>
    public int RefusalAllowed;

    /// <summary>1 once the allocator refused memory during the current call.</summary>
    public int MemoryRefused;

    /// <summary>1 while script code runs under the limits.</summary>
    public int Enforcing;

    /// <summary>The <see cref="LimitKind"/> that stopped the current call.</summary>
    public int Tripped;
}
