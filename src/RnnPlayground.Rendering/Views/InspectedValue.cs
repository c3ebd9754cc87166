using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The number an <see cref="Inspected"/> thing shows, read from the snapshot the frame drew (the
/// value its tooltip prints, unrounded): an activation, a gate, an input, an output's logit or value,
/// a weight, a gradient norm, a chart point, an encoder–decoder's state or attention weight. NaN when it has none (a button, a step without output,
/// a snapshot that changed shape).
/// </summary>
public static class InspectedValue
{
    public static double Of(Inspected what, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            var n = snapshot.Network;
            var t = what.Step;
            return what.Kind switch
            {
                InspectedKind.Input when n is not null => n.Inputs[(t * n.InputSize) + what.Unit],
                InspectedKind.Hidden when n is not null => n.Hidden[what.Layer][(t * n.HiddenSizes[what.Layer]) + what.Unit],
                InspectedKind.Gate when n is not null =>
                    n.Gates[what.Layer][(t * n.GateOrder.Count * n.HiddenSizes[what.Layer]) + (what.Index * n.HiddenSizes[what.Layer]) + what.Unit],
                InspectedKind.Output when n is not null => n.Outputs[(t * n.OutputSize) + what.Unit],
                InspectedKind.Weight or InspectedKind.OutputWeight when n is not null => Weight(what, n),
                InspectedKind.GradientBar when n is not null => n.GradientNormPerStep[t],
                InspectedKind.SeriesPoint when snapshot.Weather is { } w => w.Observed.First(s => s.Name == what.Name).Values[what.Index],
                InspectedKind.PredictionPoint when snapshot.Weather is { } w => w.Predictions.First(p => p.Name == what.Name).Predicted[what.Index],
                InspectedKind.EncoderState when snapshot.Attention is { } a => a.EncoderStateAt(t, what.Index, what.Unit),
                InspectedKind.DecoderState when snapshot.Attention is { } a => t < 0 ? a.DecoderInitialState![what.Unit] : a.DecoderStateAt(t, what.Unit),
                InspectedKind.AttentionWeight when snapshot.Attention is { } a => a.WeightAt(t, what.Index),
                InspectedKind.TrainingPoint => what.Name switch
                {
                    "loss" => snapshot.Training.LossHistory[what.Index],
                    "grad norm" => snapshot.Training.GradientNormHistory[what.Index],
                    _ => snapshot.Training.LearningRateHistory[what.Index],
                },
                _ => double.NaN,
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or InvalidOperationException)
        {
            return double.NaN; // the snapshot changed shape under the pointer (a reload)
        }
    }

    /// <summary>The weight a weight line shows (the gated cells' content block: g for an LSTM, n for a GRU).</summary>
    internal static double Weight(Inspected what, NetworkSnapshot n)
    {
        var h = n.HiddenSizes[what.Layer];
        if (what.Kind == InspectedKind.OutputWeight)
        {
            return n.OutputWeights[(what.Unit * h) + what.Index];
        }

        var block = UnrolledNetworkView.ContentBlock(n.GateOrder);
        var matrix = what.Recurrent ? n.RecurrentWeights[what.Layer] : n.InputWeights[what.Layer];
        var columns = what.Recurrent ? h : what.Layer == 0 ? n.InputSize : n.HiddenSizes[what.Layer - 1];
        return matrix[(((block * h) + what.Unit) * columns) + what.Index];
    }
}
