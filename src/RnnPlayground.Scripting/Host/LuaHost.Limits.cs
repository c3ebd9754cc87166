using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// Time, instruction and memory limits: the counters the allocator and count hook share, started
// and stopped around each outermost entry into script code.
public sealed unsafe partial class LuaHost
{
    private readonly string[] _limitMessages;
    private CancellationTokenSource? _deadlineSource;

    /// <summary>Bytes scripts may still allocate before they reach the memory limit (<see cref="long.MaxValue"/> without one).</summary>
    public long MemoryAvailable => _disposed ? 0 : _counters->SoftLimit - _counters->BytesInUse;

    private void InitializeCounters()
    {
        HostCounters* c = _counters;
        c->Host = GCHandle.ToIntPtr(_self);
        *(HostCounters**)(_main - IntPtr.Size) = c;
        IntPtr originalData;
        c->OriginalAllocator = LuaApi.GetAllocator(_main, &originalData);
        c->OriginalAllocatorData = originalData;
        c->BytesInUse = LuaApi.GarbageCollect(_main, LuaApi.GcCount, 0) * 1024L + LuaApi.GarbageCollect(_main, LuaApi.GcCountBytes, 0);
        long? limit = _limits.MemoryLimitBytes;
        c->SoftLimit = limit ?? long.MaxValue;
        c->HardLimit = limit is { } bytes ? bytes + Math.Max(bytes / 2, 4L << 20) : long.MaxValue;
        c->CheckInterval = _limits.CheckInterval;
        c->Deadline = long.MaxValue;
        c->InstructionsLeft = long.MaxValue;
        LuaApi.SetAllocator(_main, AllocatorPointer, (IntPtr)c);
    }

    private void StartLimits(IntPtr l)
    {
        HostCounters* c = _counters;
        c->Tripped = 0;
        c->MemoryRefused = 0;
        _lastClassified = null;
        c->Deadline = _limits.TimeLimit is { } time
            ? Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
        c->InstructionsLeft = _limits.InstructionBudget ?? long.MaxValue;
        if (c->BytesInUse > c->SoftLimit) LuaApi.GarbageCollect(l, LuaApi.GcCollect, 0);
        c->Enforcing = 1;
    }

    private void StopLimits()
    {
        HostCounters* c = _counters;
        c->Enforcing = 0;
        _deadlineSource?.Dispose();
        _deadlineSource = null;
        c->Deadline = long.MaxValue;
        c->InstructionsLeft = long.MaxValue;
        // A stopped thread's hook was replaced by the raising one: give the main thread its check back.
        if (c->Tripped != 0) LuaApi.SetHook(_main, CountHookPointer, LuaApi.HookMaskCount, _limits.CheckInterval);
        // What a runaway allocation left behind is garbage now: give it back at once.
        if (c->Tripped == (int)LimitKind.Memory || c->MemoryRefused != 0) LuaApi.GarbageCollect(_main, LuaApi.GcCollect, 0);
        c->Tripped = 0;
        c->MemoryRefused = 0;
    }

    /// <summary>
    /// Cancelled once the running call into script code passes its time limit: host functions pass
    /// it to long loops in Core, and the host turns the cancellation into the time-limit error.
    /// </summary>
    internal CancellationToken HostCallCancellation
    {
        get
        {
            HostCounters* c = _counters;
            if (c->Enforcing == 0 || c->Deadline == long.MaxValue) return CancellationToken.None;
            if (_deadlineSource is null)
            {
                double seconds = Math.Max(0, c->Deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
                _deadlineSource = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            }
            return _deadlineSource.Token;
        }
    }

    /// <summary>Has the prelude arm the raising hook on thread <paramref name="l"/> (called from the count hook).</summary>
    private void ArmLimit(IntPtr l, LimitKind limit)
    {
        int top = LuaApi.GetTop(l);
        if (LuaApi.CheckStack(l, 3) == 0) return;
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, _preludeArmLimit);
        LuaApi.PushString(l, _limitMessages[(int)limit]);
        LuaApi.PCall(l, 1, 0, 0);
        LuaApi.SetTop(l, top);
    }

    private static string[] LimitMessages(ScriptLimits limits)
    {
        var messages = new string[4];
        messages[(int)LimitKind.Time] = limits.TimeLimit is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"script exceeded its time limit of {time.TotalSeconds:0.0##} s")
            : "script exceeded its time limit";
        messages[(int)LimitKind.Instructions] = limits.InstructionBudget is { } budget
            ? string.Create(CultureInfo.InvariantCulture, $"script exceeded its instruction budget of {budget} instructions")
            : "script exceeded its instruction budget";
        messages[(int)LimitKind.Memory] = limits.MemoryLimitBytes is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"script exceeded its memory limit of {bytes / (1024.0 * 1024.0):0.##} MiB")
            : "script ran out of memory";
        messages[(int)LimitKind.None] = "";
        return messages;
    }
}
