using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// The experiment's <c>select</c> section: <c>{metric, mode = "min"|"max", patience, min_delta,
/// restore_best}</c>, the metric checked against what the data can score.
/// </summary>
internal static class SelectionReader
{
    private static readonly string[] SelectModes = ["min", "max"];

    public static ModelSelection Read(ScriptOptions select, TaskShape shape)
    {
        string metric = select.OptionalString("metric", "loss");
        bool maximize = select.OptionalOneOf("mode", SelectModes, ModelSelection.HigherIsBetter(metric) ? "max" : "min") == "max";
        int? patience = select.Has("patience") ? select.RequiredInt("patience", IntRange.Positive) : null;
        double minDelta = select.OptionalNumber("min_delta", NumberRange.NonNegative, 0);
        bool restoreBest = select.OptionalBool("restore_best", true);
        CheckMetric(metric, shape);
        return new ModelSelection(metric, maximize, patience, minDelta, restoreBest);
    }

    /// <summary>The validation metrics data of <paramref name="shape"/> is scored by.</summary>
    public static IReadOnlyList<string> KnownMetrics(TaskShape shape)
    {
        var known = new List<string> { "loss" };
        if (shape.NumClasses > 0)
        {
            known.Add("accuracy");
            foreach (string c in shape.ClassNames)
            {
                known.Add($"precision_{c}");
                known.Add($"recall_{c}");
            }
        }
        if (shape.NumValues > 0) known.AddRange(["mae", "rmse"]);
        return known;
    }

    private static void CheckMetric(string metric, TaskShape shape)
    {
        IReadOnlyList<string> known = KnownMetrics(shape);
        if (!known.Contains(metric))
            throw new ScriptArgumentException($"'select.metric' is \"{metric}\"; this data has: {string.Join(", ", known)}");
    }
}
