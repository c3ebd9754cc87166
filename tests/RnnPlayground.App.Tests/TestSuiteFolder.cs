using System.Text.Json.Nodes;

namespace RnnPlayground.App.Tests;

/// <summary>
/// A <see cref="ProjectFolder"/> with a small, fast experiment (scripts/tiny.lua: a GRU on a short
/// sine mixture, a few steps) and Lua test files beside it in scripts/tests/, for the tests of <c>rnnplay test</c>.
/// </summary>
internal sealed class TestSuiteFolder : IDisposable
{
    public const string TinyScript = """
        return {
          data = rnn.data.sine{ seq = 8, components = 2, train = 64, validation = 16, test = 16, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 6 }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = 1e-2 },
          batch = 16,
          steps = 12,
          evaluate_every = 4,
        }
        """;

    public TestSuiteFolder()
    {
        Project.WriteScript("tiny.lua", TinyScript);
        Directory.CreateDirectory(Path.Combine(Project.Root, "scripts", "tests"));
    }

    public ProjectFolder Project { get; } = new();

    /// <summary>Writes scripts/tests/<paramref name="name"/> and returns its relative path.</summary>
    public string WriteTest(string name, string source)
    {
        File.WriteAllText(Path.Combine(Project.Root, "scripts", "tests", name), source);
        return "scripts/tests/" + name;
    }

    public RnnplayResult Run(params string[] arguments) => Project.Run(arguments);

    /// <summary>The cases of a results.json without their times: name, outcome and every run's figures.</summary>
    public static string ResultsWithoutTimes(string folder)
    {
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        foreach (JsonNode? c in doc["cases"]!.AsArray())
        {
            c!.AsObject().Remove("seconds");
            c.AsObject().Remove("run_seconds");
            c.AsObject().Remove("output");
            foreach (JsonNode? r in c["runs"]!.AsArray()) r!.AsObject().Remove("seconds");
        }
        return doc["cases"]!.ToJsonString();
    }

    public void Dispose() => Project.Dispose();
}
