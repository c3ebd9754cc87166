using System.Diagnostics;

namespace RnnPlayground.App;

/// <summary>
/// How many cores other processes keep busy, from the system-wide counters in /proc/stat and this
/// process's own CPU time (the way the libtorch peer measures it, so the figures compare). NaN
/// where /proc/stat cannot be read.
/// </summary>
internal static class BackgroundCpu
{
    /// <summary>System busy and total jiffies and this process's CPU seconds at one moment.</summary>
    public readonly record struct Sample(long Busy, long Total, double Own);

    public static Sample Take()
    {
        try
        {
            string first = File.ReadLines("/proc/stat").First();
            long[] f = [.. first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse)];
            long total = f.Sum(), idle = f[3] + f[4];
            using Process me = Process.GetCurrentProcess();
            return new Sample(total - idle, total, me.TotalProcessorTime.TotalSeconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return new Sample(0, 0, 0);
        }
    }

    /// <summary>Cores kept busy by other processes between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double Others(Sample a, Sample b, double wallSeconds)
    {
        if (b.Total <= a.Total || wallSeconds <= 0) return double.NaN;
        double allCores = (double)(b.Busy - a.Busy) / (b.Total - a.Total) * Environment.ProcessorCount;
        return Math.Max(0, allCores - (b.Own - a.Own) / wallSeconds);
    }

    /// <summary>Cores other processes keep busy over the next <paramref name="milliseconds"/> (this thread sleeps).</summary>
    public static double Measure(int milliseconds = 300)
    {
        Sample a = Take();
        var clock = Stopwatch.StartNew();
        Thread.Sleep(milliseconds);
        return Others(a, Take(), clock.Elapsed.TotalSeconds);
    }
}
