using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RnnPlayground.App.Tests;

/// <summary>
/// The project's dependency rules, read from the compiled assemblies: which of our assemblies each
/// one references, and the namespaces of the types it uses from them. A new edge fails here until the
/// table below (and the README's layout section) says it is meant.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Each of our assemblies and the ones of ours it may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["RnnPlayground.Snapshots"] = [],
        ["RnnPlayground.Core"] = ["RnnPlayground.Snapshots"],
        ["RnnPlayground.Scripting"] = ["RnnPlayground.Core", "RnnPlayground.Snapshots"],
        ["RnnPlayground.Rendering"] = ["RnnPlayground.Snapshots"],
        ["rnnplay"] = ["RnnPlayground.Core", "RnnPlayground.Scripting", "RnnPlayground.Rendering", "RnnPlayground.Snapshots"],
    };

    [TestCaseSource(nameof(Assemblies))]
    public void AnAssemblyReferencesOnlyTheAssembliesOfOursItMay(string assembly)
    {
        string[] ours = [.. AssemblyReferences(assembly).Where(IsOurs).Order(StringComparer.Ordinal)];
        Assert.That(ours, Is.SubsetOf(Allowed[assembly]), $"{assembly} references {string.Join(", ", ours)}");
    }

    [TestCaseSource(nameof(Assemblies))]
    public void AnAssemblyUsesTypesOnlyFromTheNamespacesOfAssembliesItMayReference(string assembly)
    {
        string[] used = [.. ReferencedTypeNamespaces(assembly).Where(n => n.StartsWith("RnnPlayground", StringComparison.Ordinal))];
        string[] forbidden = [.. used.Where(n => !Allowed[assembly].Any(a => n == a || n.StartsWith(a + ".", StringComparison.Ordinal)))];
        Assert.That(forbidden, Is.Empty, $"{assembly} uses types of namespaces {string.Join(", ", forbidden)}");
    }

    [Test]
    public void TheTableCoversEveryAssemblyOfOursTheApplicationLoads()
    {
        string[] found = [.. Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => IsOurs(n!) && !n!.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(n => n!)];
        Assert.That(found, Is.EquivalentTo(Allowed.Keys));
    }

    [Test]
    public void RenderingSeesTheSimulationOnlyThroughTheSnapshotContract()
    {
        // The edge this test exists for: the views once imported Core.Simulation, driver and all.
        Assert.That(AssemblyReferences("RnnPlayground.Rendering"), Does.Contain("RnnPlayground.Snapshots"));
        Assert.That(ReferencedTypeNamespaces("RnnPlayground.Rendering"), Does.Contain("RnnPlayground.Snapshots"));
    }

    private static IEnumerable<string> Assemblies() => Allowed.Keys;

    private static bool IsOurs(string name) => name == "rnnplay" || name.StartsWith("RnnPlayground.", StringComparison.Ordinal);

    private static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    private static string[] AssemblyReferences(string assembly) =>
        Read(assembly, m => m.AssemblyReferences.Select(h => m.GetString(m.GetAssemblyReference(h).Name)).ToArray());

    /// <summary>Namespaces of the types <paramref name="assembly"/> references in other assemblies.</summary>
    private static string[] ReferencedTypeNamespaces(string assembly) =>
        Read(assembly, m => m.TypeReferences
            .Select(h => m.GetTypeReference(h))
            .Where(t => t.ResolutionScope.Kind == HandleKind.AssemblyReference)
            .Select(t => m.GetString(t.Namespace))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray());

    private static T Read<T>(string assembly, Func<MetadataReader, T> read)
    {
        using var stream = File.OpenRead(PathOf(assembly));
        using var pe = new PEReader(stream);
        return read(pe.GetMetadataReader());
    }
}
