namespace RnnPlayground.App.Tests.Sweeps;

/// <summary>A small script with parameters, fast enough to sweep in a test, and helpers to compare sweep outputs.</summary>
internal static class SweepFixture
{
    public const string Script = """
        local p = rnn.params{ lr = 1e-2, hidden = 6, steps = 16, cell = 'gru' }
        return {
          data = rnn.data.sine{ seq = 8, train = 64, validation = 32, test = 32, seed = 2 },
          model = rnn.nn.sequential{ rnn.nn[p.cell]{ hidden = p.hidden }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = p.lr },
          batch = 16,
          steps = p.steps,
          select = { metric = 'rmse' },
        }
        """;

    public const string Grid = "lr=3e-3,1e-2,3e-2 hidden=4,8";

    /// <summary>A CSV without its timing column (the last).</summary>
    public static string WithoutTiming(string csvPath) =>
        string.Join('\n', File.ReadAllLines(csvPath).Select(l => l[..l.LastIndexOf(',')]));

    /// <summary>results.md without its seconds column (the last).</summary>
    public static string MarkdownWithoutTiming(string mdPath) =>
        string.Join('\n', File.ReadAllLines(mdPath).Select(l => l.StartsWith('|') ? l[..l.TrimEnd('|', ' ').LastIndexOf('|')] : l));

    /// <summary>Every file under <paramref name="folder"/> with its bytes, to show nothing changed.</summary>
    public static Dictionary<string, string> Contents(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
