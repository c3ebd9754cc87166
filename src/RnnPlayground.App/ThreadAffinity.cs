using System.Runtime.InteropServices;

namespace RnnPlayground.App;

/// <summary>
/// Keeps the training thread and the drawing thread on different cores (Linux), so that neither
/// waits for the other: the window's thread (and the GL driver threads it starts) on every core
/// but the last, the simulation thread on the last. Does nothing elsewhere or on one core.
/// </summary>
internal static partial class ThreadAffinity
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);

    public static bool Supported => OperatingSystem.IsLinux() && Environment.ProcessorCount is >= 2 and <= 64;

    /// <summary>The calling thread runs only on the last core.</summary>
    public static void PinToLastCore() => Pin(1UL << (Environment.ProcessorCount - 1));

    /// <summary>The calling thread (and threads it starts later) runs on every core but the last.</summary>
    public static void AvoidLastCore() => Pin((1UL << (Environment.ProcessorCount - 1)) - 1);

    private static void Pin(ulong mask)
    {
        if (!Supported) return;
        _ = sched_setaffinity(0, sizeof(ulong), ref mask); // best effort: a refusal leaves the scheduler to it
    }
}
