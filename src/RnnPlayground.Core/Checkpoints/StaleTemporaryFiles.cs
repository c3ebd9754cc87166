using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>
/// The temporary files of atomic saves (<c>NAME.tmp-PID-GUID</c>, renamed over <c>NAME</c> when
/// complete) and their cleanup: a save interrupted by a kill leaves one behind. Only files of
/// exactly that pattern are touched, and only stale ones: their process is gone, or they have not
/// been written for an hour.
/// </summary>
public static partial class StaleTemporaryFiles
{
    /// <summary>How long an untouched temporary file of a live process is left alone.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    [GeneratedRegex(@"^(?<target>.+)\.tmp-(?<pid>[0-9]{1,10})-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>A fresh temporary name beside <paramref name="fullPath"/> for this process.</summary>
    public static string NameFor(string fullPath) => $"{fullPath}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>
    /// Deletes stale temporary files in <paramref name="directory"/> (of saves to
    /// <paramref name="targetName"/> only, when given). Returns how many were removed; files that
    /// cannot be removed are left.
    /// </summary>
    public static int Remove(string directory, string? targetName = null)
    {
        if (!Directory.Exists(directory)) return 0;
        int removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, (targetName ?? "*") + ".tmp-*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (string file in candidates)
        {
            Match m = Pattern().Match(Path.GetFileName(file));
            if (!m.Success || (targetName is not null && m.Groups["target"].Value != targetName)) continue;
            try
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is not null || !IsStale(info, m.Groups["pid"].Value)) continue;
                info.Delete();
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's file, or gone meanwhile.
            }
        }
        return removed;
    }

    private static bool IsStale(FileInfo file, string pidText)
    {
        if (DateTime.UtcNow - file.LastWriteTimeUtc > StaleAfter) return true;
        if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return true;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using Process p = Process.GetProcessById(pid);
            return p.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
