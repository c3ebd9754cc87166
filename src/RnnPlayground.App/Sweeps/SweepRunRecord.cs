using System.Text.Json.Nodes;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// What one finished run of a sweep scored, read from its folder's summary.json: how it ended, its
/// validation and test metrics, and the seconds its training took (the one column that differs
/// from machine to machine).
/// </summary>
/// <param name="Index">The run's place in the sweep (<see cref="SweepRunSpec.Index"/>).</param>
/// <param name="Status">completed, stoppedearly, stopped, diverged, or failed (the script raised an error).</param>
/// <param name="Validation">Validation metrics of the selected model (empty when it diverged or failed).</param>
/// <param name="Test">Test metrics of the selected model.</param>
/// <param name="Seconds">The run's own time: training and its evaluations, without loading the script.</param>
internal sealed record SweepRunRecord(int Index, string Status, long Steps, IReadOnlyDictionary<string, double> Validation,
    IReadOnlyDictionary<string, double> Test, double Seconds)
{
    /// <summary>The record of a run whose summary.json is complete; null when the run has not finished (never started, or killed mid-way).</summary>
    public static SweepRunRecord? FromSummary(int index, string summaryPath)
    {
        if (!File.Exists(summaryPath)) return null;
        JsonObject o;
        try
        {
            o = JsonNode.Parse(File.ReadAllText(summaryPath))?.AsObject() ?? throw new System.Text.Json.JsonException();
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // cut short while being written: the run is redone
        }
        if (o["status"] is not JsonValue status || (string?)status == "cancelled") return null; // a cancelled run is redone
        return new SweepRunRecord(index, (string)status!, (long?)o["steps"] ?? 0, Metrics(o["validation"]), Metrics(o["test"]), (double?)o["seconds"] ?? double.NaN);
    }

    /// <summary>The record of a run whose script failed (its error is in the run folder's output.txt).</summary>
    public static SweepRunRecord Failed(int index, double seconds) =>
        new(index, FailedStatus, 0, new Dictionary<string, double>(), new Dictionary<string, double>(), seconds);

    public const string FailedStatus = "failed";

    /// <summary>The summary file a failed run leaves, so a resumed sweep does not retry it.</summary>
    public static void WriteFailed(string summaryPath, string message)
    {
        var o = new JsonObject { ["status"] = FailedStatus, ["message"] = message, ["steps"] = 0, ["seconds"] = 0.0 };
        File.WriteAllText(summaryPath, o.ToJsonString() + "\n");
    }

    private static Dictionary<string, double> Metrics(JsonNode? evaluation)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (evaluation?["metrics"] is JsonObject m)
            foreach ((string k, JsonNode? v) in m) metrics[k] = v is null ? double.NaN : (double)v;
        return metrics;
    }
}
