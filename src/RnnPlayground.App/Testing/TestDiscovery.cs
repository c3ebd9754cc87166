namespace RnnPlayground.App.Testing;

/// <summary>
/// The test files <c>rnnplay test PATH…</c> runs: a file as given, a folder searched (with its
/// sub-folders) for <c>*_test.lua</c>; in the order given, each folder's files sorted by path, each file once.
/// </summary>
internal static class TestDiscovery
{
    public const string Pattern = "*_test.lua";

    /// <exception cref="FileNotFoundException">A path that is neither a file nor a folder, or a folder with no test file.</exception>
    public static IReadOnlyList<string> Find(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                string[] found = Directory.GetFiles(path, Pattern, SearchOption.AllDirectories);
                if (found.Length == 0) throw new FileNotFoundException($"{path}: no test files ({Pattern}) in this folder");
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found.Select(f => Path.GetFullPath(f)));
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or folder");
            }
        }
        return [.. files.Distinct(StringComparer.Ordinal)];
    }
}
