using System.Text.RegularExpressions;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// The Scripting project's two layers, read from its sources: the Lua host layer (<c>Host/</c>) knows
/// nothing of the experiment layer, of Core or of the <c>rnn</c> API; the experiment layer
/// (<c>Experiment/</c>) builds on the host. The assembly-level rules are in the App tests'
/// ArchitectureTests; this is the edge inside one assembly that metadata cannot show.
/// </summary>
public class ScriptingLayerTests
{
    private static readonly Regex NamespaceUse = new(@"\bRnnPlayground\.(?<name>[A-Za-z.]+)", RegexOptions.Compiled);

    /// <summary>Namespaces the host layer may not name (resource names such as RnnPlayground.Scripting.prelude.lua are fine).</summary>
    private static readonly string[] Forbidden = ["Scripting.Experiment", "Core", "Snapshots", "Rendering", "App"];

    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "RnnPlayground.Scripting");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/RnnPlayground.Scripting not found above " + TestContext.CurrentContext.TestDirectory);
    }

    private static IEnumerable<string> Sources(string layer) =>
        Directory.GetFiles(Path.Combine(ProjectFolder(), layer), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Test]
    public void EverySourceFileIsInOneOfTheTwoLayers()
    {
        string root = ProjectFolder();
        string[] loose = [.. Directory.GetFiles(root, "*.cs").Select(Path.GetFileName).Select(n => n!)];
        Assert.That(loose, Is.Empty, "source files outside Host/ and Experiment/");
        Assert.That(Sources("Host"), Is.Not.Empty);
        Assert.That(Sources("Experiment"), Is.Not.Empty);
    }

    [Test]
    public void TheHostLayerUsesNothingOfTheExperimentLayerNorOfCore()
    {
        var offending = new List<string>();
        foreach (string file in Sources("Host"))
        {
            foreach (Match m in NamespaceUse.Matches(File.ReadAllText(file)))
            {
                string name = m.Groups["name"].Value;
                if (Forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))
                    offending.Add($"{Path.GetFileName(file)}: RnnPlayground.{name}");
            }
        }
        Assert.That(offending, Is.Empty);
    }

    [Test]
    public void TheHostLayerRegistersNoRnnFunctions()
    {
        // Registrations name a table path; the host's own code may only mention rnn in its comments and examples.
        var registration = new Regex(@"Register\w*\(\s*""rnn", RegexOptions.Compiled);
        string[] offending = [.. Sources("Host").Where(f => registration.IsMatch(File.ReadAllText(f))).Select(Path.GetFileName).Select(n => n!)];
        Assert.That(offending, Is.Empty);
    }
}
