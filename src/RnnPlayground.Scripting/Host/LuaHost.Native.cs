using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// The entry points Lua calls: allocator, count hook, host functions and handle metamethods. None
// may let an exception or a Lua error out: each catches everything and reports through its result.
public sealed unsafe partial class LuaHost
{
    private static readonly IntPtr AllocatorPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, nuint, IntPtr>)&Allocate;
    private static readonly IntPtr CountHookPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)&CountHook;
    private static readonly IntPtr DispatchPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&Dispatch;
    private static readonly IntPtr HandleToStringPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&HandleToString;
    private static readonly IntPtr HandleEqualsPointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&HandleEquals;
    private static readonly IntPtr HandleReleasePointer = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int>)&HandleRelease;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HostCounters* CountersOf(IntPtr l) => *(HostCounters**)(l - IntPtr.Size);

    private static LuaHost? HostOf(HostCounters* counters) =>
        counters->Host == IntPtr.Zero ? null : GCHandle.FromIntPtr(counters->Host).Target as LuaHost;

    /// <summary>
    /// Lua's allocator, wrapped: counts the bytes in use and refuses growth past the hard limit, but
    /// only where Lua's error for it unwinds no .NET frame (see <see cref="HostCounters.RefusalAllowed"/>).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr Allocate(IntPtr userData, IntPtr block, nuint oldSize, nuint newSize)
    {
        var counters = (HostCounters*)userData;
        var original = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, nuint, IntPtr>)counters->OriginalAllocator;
        long old = block == IntPtr.Zero ? 0 : (long)oldSize;
        long growth = (long)newSize - old;
        if (growth > 0 && counters->RefusalAllowed != 0 && counters->BytesInUse + growth > counters->HardLimit)
        {
            counters->MemoryRefused = 1;
            return IntPtr.Zero;
        }
        IntPtr result = original(counters->OriginalAllocatorData, block, oldSize, newSize);
        if (result != IntPtr.Zero || newSize == 0) counters->BytesInUse += growth;
        return result;
    }

    /// <summary>
    /// Runs every <see cref="ScriptLimits.CheckInterval"/> instructions of any Lua thread. It only
    /// checks; once a limit is exceeded it has the prelude arm a Lua hook on the running thread that
    /// raises the error from Lua itself (a Lua error raised here would unwind this .NET frame).
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void CountHook(IntPtr l, IntPtr debugRecord)
    {
        HostCounters* counters = CountersOf(l);
        if (counters->Enforcing == 0) return;
        int savedRefusal = counters->RefusalAllowed;
        counters->RefusalAllowed = 0;
        try
        {
            if (counters->Tripped == (int)LimitKind.None)
            {
                counters->InstructionsLeft -= counters->CheckInterval;
                if (counters->InstructionsLeft < 0) counters->Tripped = (int)LimitKind.Instructions;
                else if (Stopwatch.GetTimestamp() > counters->Deadline) counters->Tripped = (int)LimitKind.Time;
                else if (counters->MemoryRefused != 0) counters->Tripped = (int)LimitKind.Memory;
                else if (counters->BytesInUse > counters->SoftLimit)
                {
                    LuaApi.GarbageCollect(l, LuaApi.GcCollect, 0);
                    if (counters->BytesInUse > counters->SoftLimit) counters->Tripped = (int)LimitKind.Memory;
                }
                if (counters->Tripped == (int)LimitKind.None) return;
            }
            HostOf(counters)?.ArmLimit(l, (LimitKind)counters->Tripped);
        }
        catch
        {
            // Arming is tried again at the next check.
        }
        finally
        {
            counters->RefusalAllowed = savedRefusal;
        }
    }

    /// <summary>Every registered host function: upvalue 1 is its index in <see cref="_functions"/>.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Dispatch(IntPtr l)
    {
        HostCounters* counters = CountersOf(l);
        int savedRefusal = counters->RefusalAllowed;
        counters->RefusalAllowed = 0;
        try
        {
            LuaHost? host = HostOf(counters);
            if (host is null) return PushFailure(l, "the host is gone");
            return host.Invoke(l);
        }
        catch
        {
            return PushFailure(l, "internal error in the host");
        }
        finally
        {
            counters->RefusalAllowed = savedRefusal;
        }
    }

    private static int PushFailure(IntPtr l, string message)
    {
        LuaApi.SetTop(l, 0);
        LuaApi.PushBoolean(l, 0);
        LuaApi.PushString(l, message);
        return 2;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HandleToString(IntPtr l)
    {
        HostCounters* counters = CountersOf(l);
        int savedRefusal = counters->RefusalAllowed;
        counters->RefusalAllowed = 0;
        try
        {
            LuaApi.PushString(l, HostOf(counters)?.DescribeHandle(l, 1) ?? "handle");
        }
        catch
        {
            LuaApi.PushString(l, "handle");
        }
        finally
        {
            counters->RefusalAllowed = savedRefusal;
        }
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HandleEquals(IntPtr l)
    {
        bool equal = false;
        try
        {
            LuaHost? host = HostOf(CountersOf(l));
            equal = host is not null && host.HandlesEqual(l, 1, 2);
        }
        catch
        {
            equal = false;
        }
        LuaApi.PushBoolean(l, equal ? 1 : 0);
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HandleRelease(IntPtr l)
    {
        try
        {
            HostOf(CountersOf(l))?.ReleaseHandle(l, 1);
        }
        catch
        {
            // A handle left in the table is dropped when the host is disposed.
        }
        return 0;
    }
}
