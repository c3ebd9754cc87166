using System.Text.RegularExpressions;

namespace RnnPlayground.Core.Tests;

/// <summary>
/// Edges inside Core that assembly metadata cannot show, read from the sources: <c>Data/</c> is a
/// leaf (datasets, the weather world, metrics and baselines use no layers, training or simulation).
/// </summary>
public class CoreLayerTests
{
    private static readonly Regex NamespaceUse = new(@"\bRnnPlayground\.(?<name>[A-Za-z.]+)", RegexOptions.Compiled);

    private static string CoreFolder()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "RnnPlayground.Core");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/RnnPlayground.Core not found above " + TestContext.CurrentContext.TestDirectory);
    }

    [Test]
    public void DataUsesNothingElseOfCore()
    {
        string data = Path.Combine(CoreFolder(), "Data");
        var offending = new List<string>();
        foreach (string file in Directory.GetFiles(data, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            foreach (Match m in NamespaceUse.Matches(File.ReadAllText(file)))
            {
                string name = m.Groups["name"].Value;
                if (name != "Core.Data" && !name.StartsWith("Core.Data.", StringComparison.Ordinal))
                    offending.Add($"{Path.GetRelativePath(data, file)}: RnnPlayground.{name}");
            }
        }
        Assert.That(offending, Is.Empty);
    }
}
