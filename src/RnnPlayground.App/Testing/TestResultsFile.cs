using System.Text.Json;
using System.Text.Json.Nodes;
using RnnPlayground.Scripting.Experiment.Testing;

namespace RnnPlayground.App.Testing;

/// <summary>
/// <c>results.json</c> in a test run's output folder: which suite it ran (a fingerprint of every case
/// the paths and <c>-k</c> selected, before sharding) and which shard, and each case's outcome with the
/// figures of the runs it made. <c>rnnplay test --merge</c> reads these back.
/// </summary>
internal static class TestResultsFile
{
    public const string FileName = "results.json";
    private const string Format = "rnnplay-test-results/1";

    /// <summary>A results file read back: the suite's fingerprint, the shard (index 1-based, count), the cases with their places in the whole suite.</summary>
    public sealed record Contents(string Suite, int ShardIndex, int ShardCount, int SuiteCases, IReadOnlyList<(int Order, TestCaseResult Result)> Cases);

    /// <summary>A fingerprint of the suite: the ids of all its cases, in order.</summary>
    public static string Fingerprint(IEnumerable<string> caseIds) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', caseIds))))[..16].ToLowerInvariant();

    public static void Write(string folder, Contents contents)
    {
        static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        var cases = new JsonArray();
        foreach ((int order, TestCaseResult r) in contents.Cases)
        {
            var runs = new JsonArray();
            foreach (RunFigures f in r.Runs)
            {
                var figures = new JsonObject();
                foreach ((string k, double v) in f.Figures) figures[k] = N(v);
                runs.Add(new JsonObject
                {
                    ["script"] = f.Script, ["variant"] = f.Variant, ["status"] = f.Status, ["message"] = f.Message,
                    ["seconds"] = f.Seconds, ["figures"] = figures,
                });
            }
            cases.Add(new JsonObject
            {
                ["order"] = order, ["file"] = r.File, ["name"] = r.Name, ["line"] = r.Line, ["passed"] = r.Passed, ["failure"] = r.Failure,
                ["seconds"] = r.Seconds, ["run_seconds"] = r.RunSeconds, ["output"] = r.Output, ["runs"] = runs,
            });
        }
        var doc = new JsonObject
        {
            ["format"] = Format, ["suite"] = contents.Suite, ["shard"] = $"{contents.ShardIndex}/{contents.ShardCount}",
            ["suite_cases"] = contents.SuiteCases, ["cases"] = cases,
        };
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FileName), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <exception cref="IOException">The folder holds no results file of a test run, or one that does not read.</exception>
    public static Contents Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new IOException($"{folder}: no {FileName} (not the output folder of an rnnplay test run)");
        try
        {
            JsonNode doc = JsonNode.Parse(File.ReadAllText(path)) ?? throw new IOException($"{path}: empty");
            if ((string?)doc["format"] != Format) throw new IOException($"{path}: not a results file of rnnplay test ({Format})");
            string[] shard = ((string)doc["shard"]!).Split('/');
            var cases = new List<(int, TestCaseResult)>();
            foreach (JsonNode? c in doc["cases"]!.AsArray())
            {
                var runs = new List<RunFigures>();
                foreach (JsonNode? f in c!["runs"]!.AsArray())
                {
                    var figures = f!["figures"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value is null ? double.NaN : (double)kv.Value);
                    runs.Add(new RunFigures((string)f["script"]!, (string?)f["variant"], (string)f["status"]!, (string)f["message"]!, figures, null, (double)f["seconds"]!));
                }
                cases.Add(((int)c["order"]!, new TestCaseResult((string)c["file"]!, (string)c["name"]!, (int?)c["line"], (string?)c["failure"],
                    (string)c["output"]!, (double)c["seconds"]!, (double)c["run_seconds"]!, runs)));
            }
            return new Contents((string)doc["suite"]!, int.Parse(shard[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(shard[1], System.Globalization.CultureInfo.InvariantCulture), (int)doc["suite_cases"]!, cases);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or IndexOutOfRangeException)
        {
            throw new IOException($"{path}: cannot read the results ({e.Message})", e);
        }
    }
}
