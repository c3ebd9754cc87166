using RnnPlayground.Scripting.Experiment.Testing;

namespace RnnPlayground.App.Testing;

/// <summary>A case found in a test file, with its place in the file (which names its output folder).</summary>
/// <param name="FullPath">The test file.</param>
/// <param name="File">The file as named in messages (e.g. scripts/tests/weather_test.lua).</param>
internal sealed record PlannedCase(string FullPath, string File, TestCase Case, int IndexInFile)
{
    /// <summary>The case as <c>-k</c> and the reports name it: <c>file::name</c>.</summary>
    public string Id => $"{File}::{Case.Name}";

    /// <summary>The case's output folder under the suite's: <c>FILE/NN-name</c>, with only letters, digits, '-' and '_'.</summary>
    public string Folder(string output)
    {
        string slug = new([.. Case.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        if (slug.Length > 60) slug = slug[..60];
        return Path.Combine(output, Path.GetFileNameWithoutExtension(FullPath), $"{IndexInFile + 1:D2}-{slug}");
    }
}
