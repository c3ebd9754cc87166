using System.Runtime.InteropServices;

namespace RnnPlayground.Rendering.Loop;

/// <summary>
/// The CPU time the calling thread has used (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), in
/// nanoseconds: unlike wall time it does not grow while other processes hold the core, so a
/// frame's cost can be measured on a loaded machine. 0 where the call is not available.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Nanoseconds of CPU the calling thread has used (0 when not measurable here).</summary>
    public static long Nanoseconds()
    {
        if (_unavailable)
        {
            return 0;
        }

        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? (t.Seconds * 1_000_000_000L) + t.Nanoseconds : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return 0;
        }
    }

    /// <summary>
    /// Now, as Stopwatch ticks and (when <paramref name="withCpu"/>: a frame is being profiled) the
    /// thread's CPU nanoseconds; the CPU clock is a system call, so frames nobody profiles skip it.
    /// </summary>
    public static (long Timestamp, long Cpu) Mark(bool withCpu) =>
        (System.Diagnostics.Stopwatch.GetTimestamp(), withCpu ? Nanoseconds() : 0);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
