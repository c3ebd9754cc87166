using System.Globalization;

namespace RnnPlayground.Rendering.Loop;

/// <summary>
/// CPU seconds each thread of this process has used, by thread name, from
/// <c>/proc/self/task/*/stat</c> (Linux; empty elsewhere). Threads of one name are summed
/// (e.g. the runtime's workers); the resolution is the kernel's clock tick (10 ms).
/// </summary>
public static class ThreadCpuTimes
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds (user + system) per thread name, now.</summary>
    public static IReadOnlyDictionary<string, double> Take()
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return times;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            if (Parse(stat) is { } parsed)
            {
                times[parsed.Name] = times.GetValueOrDefault(parsed.Name) + parsed.Seconds;
            }
        }

        return times;
    }

    /// <summary>The name and CPU seconds in one line of <c>/proc/…/stat</c>; null when it is not one.</summary>
    public static (string Name, double Seconds)? Parse(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        // After the name: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.Integer, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var system))
        {
            return null;
        }

        return (stat[(open + 1)..close], (user + system) / TicksPerSecond);
    }
}
