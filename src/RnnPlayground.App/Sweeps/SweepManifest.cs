using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RnnPlayground.App.Sharding;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// A sweep folder's <c>sweep.json</c>: the plan (so a rerun can tell the same sweep from another,
/// and a merge can check its shards belong together), which shard the folder holds, and the
/// metric its table is sorted by.
/// </summary>
internal sealed record SweepManifest(SweepPlan Plan, ShardSpec Shard, string Metric, bool Maximize)
{
    public const string FileName = "sweep.json";
    private const string Format = "rnnplay-sweep/1";

    /// <summary>Writes <c>sweep.json</c> into <paramref name="folder"/> (through a temporary file, so a kill leaves the old one or the new one).</summary>
    public void Write(string folder)
    {
        var configs = new JsonArray();
        foreach (SweepConfig c in Plan.Configs)
        {
            var values = new JsonObject();
            foreach ((string k, object v) in c.Values) values[k] = ExperimentParameters.ToJson(v);
            configs.Add(values);
        }
        var doc = new JsonObject
        {
            ["format"] = Format,
            ["script"] = Plan.Script,
            ["script_sha256"] = Plan.ScriptSha256,
            ["fingerprint"] = Plan.Fingerprint,
            ["space"] = Plan.Space,
            ["shard"] = Shard.ToString(),
            ["metric"] = Metric,
            ["maximize"] = Maximize,
            ["steps"] = Plan.Steps,
            ["epochs"] = Plan.Epochs,
            ["set"] = new JsonObject(Plan.Fixed.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["parameters"] = new JsonArray([.. Plan.Parameters.Select(p => (JsonNode?)p)]),
            ["seeds"] = new JsonArray([.. Plan.Seeds.Select(s => (JsonNode?)s)]),
            ["configs"] = configs,
        };
        string path = Path.Combine(folder, FileName), temporary = path + ".tmp";
        File.WriteAllText(temporary, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a folder's <c>sweep.json</c>; one line naming the file when it is missing or not one.</summary>
    /// <exception cref="ArgumentException">No sweep.json, or one this version cannot read, or one whose plan does not match its fingerprint.</exception>
    public static SweepManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new ArgumentException($"{folder} holds no {FileName}: not the folder of a sweep (or of a shard of one)");
        try
        {
            JsonObject o = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException("empty");
            if ((string?)o["format"] != Format) throw new FormatException($"format is not {Format}");
            string[] parameters = [.. o["parameters"]!.AsArray().Select(p => (string)p!)];
            var configs = new List<SweepConfig>();
            foreach (JsonNode? c in o["configs"]!.AsArray())
            {
                IReadOnlyDictionary<string, object> values = ExperimentParameters.FromJson(c!.ToJsonString());
                configs.Add(new SweepConfig(configs.Count, [.. parameters.Select(p => KeyValuePair.Create(p, values[p]))]));
            }
            var plan = new SweepPlan((string)o["script"]!, (string)o["script_sha256"]!, parameters, configs,
                [.. o["seeds"]!.AsArray().Select(s => (ulong)s!)],
                o["set"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal),
                (long?)o["steps"], (int?)o["epochs"], (string)o["space"]!);
            if (plan.Fingerprint != (string?)o["fingerprint"]) throw new FormatException("its runs do not match its fingerprint (edited by hand?)");
            if (!ShardSpec.TryParse((string)o["shard"]!, _ => null, out ShardSpec shard, out string error)) throw new FormatException(error);
            return new SweepManifest(plan, shard, (string)o["metric"]!, (bool)o["maximize"]!);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException
            or KeyNotFoundException or ArgumentException)
        {
            throw new ArgumentException($"{path} is not a sweep manifest this version reads ({e.Message})");
        }
    }

    /// <summary>The runs this folder's shard trains.</summary>
    public IReadOnlyList<SweepRunSpec> ShardRuns => Shard.Select(Plan.Runs);

    /// <summary>What the shard line of a message says: <c>shard 2/3 of</c> or nothing for a whole sweep.</summary>
    public string ShardLabel => Shard.IsWhole ? "" : string.Create(CultureInfo.InvariantCulture, $"shard {Shard} of ");
}
