using System.Globalization;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The tooltip of an <see cref="Inspected"/> thing: what it is and its exact value, read from the
/// snapshot the frame drew (four significant digits, <see cref="NumberFormat.Exact"/>). The first
/// line names the thing, the second holds its value.
/// </summary>
public static class InspectorText
{
    public static IReadOnlyList<string> Describe(Inspected what, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            return what.Kind switch
            {
                InspectedKind.Input or InspectedKind.Hidden or InspectedKind.Gate or InspectedKind.Output or InspectedKind.Weight or InspectedKind.OutputWeight or InspectedKind.GradientBar
                    when snapshot.Network is { } n => Network(what, n),
                InspectedKind.SeriesPoint or InspectedKind.PredictionPoint when snapshot.Weather is { } w => Weather(what, w),
                InspectedKind.TrainingPoint => Training(what, snapshot.Training),
                InspectedKind.EncoderState or InspectedKind.DecoderState or InspectedKind.AttentionWeight when snapshot.Attention is { } a => EncoderDecoder(what, a, snapshot),
                _ => [],
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return []; // the snapshot changed shape under the pointer (a reload): nothing to say until the next frame
        }
        catch (IndexOutOfRangeException)
        {
            return [];
        }
    }

    /// <summary>The name of a unit of a row: its feature, class or value, else "unit k".</summary>
    public static string UnitName(NetworkSnapshot n, InspectedKind kind, int unit)
    {
        ArgumentNullException.ThrowIfNull(n);
        var names = kind == InspectedKind.Input ? n.Labels?.InputNames : kind == InspectedKind.Output ? n.Labels?.OutputNames : null;
        return names is not null && unit < names.Count ? names[unit] : $"unit {unit}";
    }

    /// <summary>"lstm 1", "gru 2": a recurrent layer as the view labels it.</summary>
    public static string LayerName(NetworkSnapshot n, int layer) =>
        $"{n.CellType.Name().Replace("rnn_", "rnn ", StringComparison.Ordinal)} {layer + 1}";

    private static IReadOnlyList<string> Network(Inspected what, NetworkSnapshot n)
    {
        var t = what.Step;
        var labels = n.Labels;
        switch (what.Kind)
        {
            case InspectedKind.Input:
                {
                    var v = n.Inputs[(t * n.InputSize) + what.Unit];
                    var token = labels is { IsText: true } ? $" · read '{labels.StepTokens[t]}'" : "";
                    var lines = new List<string> { $"input {UnitName(n, what.Kind, what.Unit)} · t={t}{token}", $"value {NumberFormat.Exact(v)}{(labels?.RawInputs.Length > 0 ? " (normalized)" : "")}" };
                    if (labels is { RawInputs.Length: > 0 })
                    {
                        lines.Add($"raw {NumberFormat.Exact(labels.RawInputs[(t * n.InputSize) + what.Unit])} {labels.InputUnits[what.Unit]}".TrimEnd());
                    }

                    return lines;
                }

            case InspectedKind.Hidden:
                {
                    var h = n.HiddenSizes[what.Layer];
                    return [$"{LayerName(n, what.Layer)} · unit {what.Unit} · t={t}", $"h = {NumberFormat.Exact(n.Hidden[what.Layer][(t * h) + what.Unit])}", "click: pin its trace"];
                }

            case InspectedKind.Gate:
                {
                    var h = n.HiddenSizes[what.Layer];
                    var g = n.GateOrder.Count;
                    var gate = n.GateOrder[what.Index];
                    var v = n.Gates[what.Layer][(t * g * h) + (what.Index * h) + what.Unit];
                    return [$"{LayerName(n, what.Layer)} · unit {what.Unit} · t={t}", $"{gate.Letter()} ({GateName(gate)}) = {NumberFormat.Exact(v)}"];
                }

            case InspectedKind.Output:
                {
                    var o = n.Outputs[(t * n.OutputSize) + what.Unit];
                    var head = $"output {UnitName(n, what.Kind, what.Unit)} · t={t}";
                    if (float.IsNaN(o))
                    {
                        return [head, "no output at this step (the model answers after the last)"];
                    }

                    if (labels is null)
                    {
                        return [head, $"value {NumberFormat.Exact(o)}"];
                    }

                    var d = labels.Decoded[(t * n.OutputSize) + what.Unit];
                    return what.Unit < labels.ClassCount
                        ? [head, string.Create(CultureInfo.InvariantCulture, $"p = {NumberFormat.Exact(d * 100f)} %"), $"logit {NumberFormat.Exact(o)}"]
                        : [head, $"{NumberFormat.Exact(d)} {labels.OutputUnits[what.Unit]}".TrimEnd(), $"raw output {NumberFormat.Exact(o)}"];
                }

            case InspectedKind.Weight:
                {
                    var block = UnrolledNetworkView.ContentBlock(n.GateOrder);
                    var w = (float)InspectedValue.Weight(what, n);
                    var from = what.Recurrent ? $"h{what.Index} (t−1)" : what.Layer == 0 ? UnitName(n, InspectedKind.Input, what.Index) : $"{LayerName(n, what.Layer - 1)} h{what.Index}";
                    var matrixName = (what.Recurrent ? "W_hh" : "W_ih") + (n.GateOrder.Count > 0 ? $" ({n.GateOrder[block].Letter()})" : "");
                    return [$"{matrixName} · {from} → {LayerName(n, what.Layer)} h{what.Unit}", $"w = {NumberFormat.Exact(w)}"];
                }

            case InspectedKind.OutputWeight:
                return [$"W_y · {LayerName(n, what.Layer)} h{what.Index} → output {UnitName(n, InspectedKind.Output, what.Unit)}", $"w = {NumberFormat.Exact((float)InspectedValue.Weight(what, n))}"];

            default:
                return [$"|∂L/∂h| at t={t}", NumberFormat.Exact(n.GradientNormPerStep[t])];
        }
    }

    private static IReadOnlyList<string> Weather(Inspected what, WeatherStreamSnapshot w)
    {
        var i = what.Index;
        if (what.Kind == InspectedKind.SeriesPoint)
        {
            var series = w.Observed.First(s => s.Name == what.Name);
            var hour = w.Hours.Length == series.Values.Length ? $" · hour {NumberFormat.Integer((long)w.Hours[i])}" : "";
            return [$"{series.Name}{hour}", $"{NumberFormat.Exact(series.Values[i])} {series.Unit}".TrimEnd()];
        }

        var track = w.Predictions.First(p => p.Name == what.Name);
        string Value(float[] values) => i < values.Length ? (track.IsProbability ? string.Create(CultureInfo.InvariantCulture, $"{NumberFormat.Exact(values[i] * 100f)} %") : NumberFormat.Exact(values[i])) : "–";
        return [$"{track.Name} · day {i + 1} of {track.Predicted.Length}", $"model {Value(track.Predicted)}", $"{(track.IsProbability ? "happened" : "actual")} {Value(track.Actual)} · persistence {Value(track.Persistence)}"];
    }

    private static IReadOnlyList<string> EncoderDecoder(Inspected what, AttentionSnapshot a, Snapshot snapshot)
    {
        var value = NumberFormat.Exact(InspectedValue.Of(what, snapshot));
        switch (what.Kind)
        {
            case InspectedKind.EncoderState:
                {
                    var direction = a.EncoderDirections == 1 ? "encoder" : what.Index == 0 ? "encoder → (forward)" : "encoder ← (backward)";
                    return [$"{direction} · unit {what.Unit} · source {what.Step} '{AttentionView.Label(a.SourceTokens[what.Step])}'", $"h = {value}"];
                }

            case InspectedKind.DecoderState when what.Step < 0:
                return [$"decoder s₀ (from the encoder's final state) · unit {what.Unit}", $"s = {value}"];
            case InspectedKind.DecoderState:
                return [$"decoder · unit {what.Unit} · output {what.Step} '{AttentionView.Label(a.OutputTokens[what.Step])}'", $"s = {value}"];
            default:
                return [$"attention · output {what.Step} '{AttentionView.Label(a.OutputTokens[what.Step])}' on source {what.Index} '{AttentionView.Label(a.SourceTokens[what.Index])}'", $"weight = {value}"];
        }
    }

    private static IReadOnlyList<string> Training(Inspected what, TrainingSnapshot t)
    {
        var values = what.Name switch
        {
            "loss" => t.LossHistory,
            "grad norm" => t.GradientNormHistory,
            _ => t.LearningRateHistory,
        };
        return [$"{what.Name} · point {what.Index + 1} of {values.Length}", NumberFormat.Exact(values[what.Index])];
    }

    private static string GateName(Gate gate) => gate switch
    {
        Gate.Input => "input gate",
        Gate.Forget => "forget gate",
        Gate.Output => "output gate",
        Gate.Reset => "reset gate",
        Gate.Update => "update gate",
        _ => "candidate",
    };
}
