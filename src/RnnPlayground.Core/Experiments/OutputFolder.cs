namespace RnnPlayground.Core.Experiments;

/// <summary>
/// The one policy for where a run writes: everything goes under the run's output folder, and a
/// sub-folder (a comparison's variant) is named from a safe set of characters, resolved, and checked
/// to stay directly inside it. Two names that would share a folder (on any file system) are refused.
/// </summary>
public static class OutputFolder
{
    /// <summary>Longest sub-folder name accepted.</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// Why <paramref name="name"/> cannot name a sub-folder, or null when it can: 1 to
    /// <see cref="MaxNameLength"/> ASCII letters, digits, '_', '-' and '.', starting with a letter or digit.
    /// </summary>
    public static string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) return "is empty";
        if (name.Length > MaxNameLength) return $"is longer than {MaxNameLength} characters";
        if (!char.IsAsciiLetterOrDigit(name[0])) return "must start with a letter or a digit";
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
                return "may hold only letters, digits, '_', '-' and '.' (it names a folder inside the output folder)";
        }
        return null;
    }

    /// <summary>Whether two names would give one folder (names differing only in case do, on some file systems).</summary>
    public static bool SameFolder(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The sub-folder <paramref name="name"/> of <paramref name="output"/>, as a full path.</summary>
    /// <exception cref="ArgumentException">The name is not safe, or the path would leave <paramref name="output"/>.</exception>
    public static string Child(string output, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        if (NameProblem(name) is { } problem) throw new ArgumentException($"variant '{name}': the name {problem}");
        string root = Path.GetFullPath(output);
        string child = Path.GetFullPath(Path.Combine(root, name));
        if (!string.Equals(Path.GetDirectoryName(child), Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal))
            throw new ArgumentException($"variant '{name}': its folder {child} would not be inside the output folder {root}");
        return child;
    }
}
