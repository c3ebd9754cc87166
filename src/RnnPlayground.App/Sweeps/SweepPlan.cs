using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// Everything that defines a sweep and so must agree between its shards and between a run and
/// its resumption: the script (by content), the parameters varied and their combinations, the
/// seeds, the values fixed with <c>--set</c>, and the run length. <see cref="Fingerprint"/>
/// condenses them; the metric the table is sorted by is not part of it.
/// </summary>
internal sealed class SweepPlan
{
    public SweepPlan(string script, string scriptSha256, IReadOnlyList<string> parameters, IReadOnlyList<SweepConfig> configs,
        IReadOnlyList<ulong> seeds, IReadOnlyDictionary<string, string> fixedValues, long? steps, int? epochs, string space)
    {
        Script = script;
        ScriptSha256 = scriptSha256;
        Parameters = parameters;
        Configs = configs;
        Seeds = seeds;
        Fixed = fixedValues;
        Steps = steps;
        Epochs = epochs;
        Space = space;
        var runs = new List<SweepRunSpec>(configs.Count * seeds.Count);
        int width = Math.Max(3, (configs.Count * seeds.Count - 1).ToString(CultureInfo.InvariantCulture).Length);
        foreach (SweepConfig c in configs)
            foreach (ulong seed in seeds)
                runs.Add(new SweepRunSpec(runs.Count, c, seed, FolderName(runs.Count, width, c, seed)));
        Runs = runs;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>The script as named in messages (e.g. scripts/weather.lua).</summary>
    public string Script { get; }

    /// <summary>SHA-256 of the script's text: a sweep of an edited script is another sweep.</summary>
    public string ScriptSha256 { get; }

    /// <summary>The parameters varied, in the order the sweep names them (the table's columns).</summary>
    public IReadOnlyList<string> Parameters { get; }

    public IReadOnlyList<SweepConfig> Configs { get; }

    public IReadOnlyList<ulong> Seeds { get; }

    /// <summary>Values every run takes (<c>--set</c>), as text.</summary>
    public IReadOnlyDictionary<string, string> Fixed { get; }

    public long? Steps { get; }

    public int? Epochs { get; }

    /// <summary>How the combinations were made, as given (<c>grid lr=…</c>, <c>random 20 seed 1 lr=…</c>).</summary>
    public string Space { get; }

    /// <summary>Every run, combination by combination and seed by seed within each.</summary>
    public IReadOnlyList<SweepRunSpec> Runs { get; }

    /// <summary>Hex SHA-256 over what defines the sweep (not the shard, not the metric).</summary>
    public string Fingerprint { get; }

    private string ComputeFingerprint()
    {
        var text = new StringBuilder();
        text.Append("rnnplay-sweep/1\n").Append(ScriptSha256).Append('\n');
        text.Append("steps ").Append(Steps?.ToString(CultureInfo.InvariantCulture) ?? "-").Append(" epochs ").Append(Epochs?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        foreach ((string k, string v) in Fixed.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append("set ").Append(k).Append('=').Append(v).Append('\n');
        foreach (SweepRunSpec r in Runs)
        {
            text.Append(r.Index.ToString(CultureInfo.InvariantCulture)).Append(" seed ").Append(r.Seed.ToString(CultureInfo.InvariantCulture));
            foreach ((string k, object v) in r.Config.Values) text.Append(' ').Append(k).Append('=').Append(ExperimentParameters.Format(v));
            text.Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary><c>007-lr=0.003-hidden=32-seed=2</c>: the run's place first (unique), then what it trains, in safe characters.</summary>
    private static string FolderName(int index, int width, SweepConfig config, ulong seed)
    {
        var name = new StringBuilder(index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        foreach ((string k, object v) in config.Values) name.Append('-').Append(k).Append('=').Append(Safe(ExperimentParameters.Format(v)));
        name.Append("-seed=").Append(seed.ToString(CultureInfo.InvariantCulture));
        return name.Length <= 120 ? name.ToString() : name.ToString(0, 120);
    }

    private static string Safe(string text)
    {
        var safe = new StringBuilder(Math.Min(text.Length, 24));
        foreach (char c in text.Take(24)) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or '_' ? c : '_');
        return safe.ToString();
    }
}
