using RnnPlayground.Core.Layers;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// Copies what the unrolled-network view needs out of a model right after a forward pass: one
/// sample's inputs, hidden states and gates per recurrent layer and step, outputs, the weights,
/// and the per-step gradient norms of the latest backward pass.
/// </summary>
public static class NetworkSnapshotBuilder
{
    /// <param name="model">The model, just after a forward pass over <paramref name="input"/>.</param>
    /// <param name="input">That forward pass's input [T, B, F] (floats) or tokens.</param>
    /// <param name="output">Its output: [B, W] (last-step head) or [T·B, W].</param>
    /// <param name="sample">Which sample of the batch to show.</param>
    /// <param name="clipped">Whether the latest update was clipped.</param>
    public static NetworkSnapshot? Build(SequenceModel model, in Activations input, in Activations output, int sample, bool clipped)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<RecurrentLayer> recurrent = model.RecurrentLayers;
        if (recurrent.Count == 0) return null;
        int steps = input.Steps, batch = input.Batch;
        if ((uint)sample >= (uint)batch) throw new ArgumentOutOfRangeException(nameof(sample), sample, $"must be in [0, {batch})");
        RecurrentLayer first = recurrent[0];
        if (first.LastShape != (steps, batch)) return null; // the layers hold another pass

        int inWidth = first.InputSize;
        var inputs = new float[steps * inWidth];
        for (int t = 0; t < steps; t++)
        {
            if (input.Tokens is { } tokens && model.Modules[0] is Embedding e)
                e.Weight.Values.Slice(tokens[t * batch + sample] * e.Dimension, e.Dimension).CopyTo(inputs.AsSpan(t * inWidth, inWidth));
            else if (!input.IsTokens)
                input.Data.AsSpan((t * batch + sample) * input.Width, Math.Min(inWidth, input.Width)).CopyTo(inputs.AsSpan(t * inWidth, inWidth));
        }

        var hiddenSizes = new List<int>();
        var hidden = new List<float[]>();
        var gates = new List<float[]>();
        var wIh = new List<float[]>();
        var wHh = new List<float[]>();
        var bIh = new List<float[]>();
        var bHh = new List<float[]>();
        var norms = new float[steps];
        foreach (RecurrentLayer r in recurrent)
        {
            int h = r.HiddenSize, dh = r.OutputSize, gh = r.GateCount * h;
            for (int l = 0; l < r.NumLayers; l++)
            {
                hiddenSizes.Add(h);
                var hs = new float[steps * h];
                ReadOnlySpan<float> outL = r.LayerOutput(l);
                for (int t = 0; t < steps; t++) outL.Slice((t * batch + sample) * dh, h).CopyTo(hs.AsSpan(t * h, h));
                hidden.Add(hs);
                ReadOnlySpan<float> g = r.LayerGates(l);
                var gs = new float[g.IsEmpty ? 0 : steps * gh];
                for (int t = 0; t < steps && !g.IsEmpty; t++) g.Slice((t * batch + sample) * gh, gh).CopyTo(gs.AsSpan(t * gh, gh));
                gates.Add(gs);
                wIh.Add(r.WeightIh(l).Values.ToArray());
                wHh.Add(r.WeightHh(l).Values.ToArray());
                bIh.Add(r.BiasIh(l)?.Values.ToArray() ?? []);
                bHh.Add(r.BiasHh(l)?.Values.ToArray() ?? []);
            }
        }
        bool haveNorms = model.GradientNormPerStep(norms);

        int outWidth = output.Width;
        var outputs = new float[steps * outWidth];
        if (model.Head == HeadMode.EveryStep)
        {
            for (int t = 0; t < steps; t++) output.Data.AsSpan((t * batch + sample) * outWidth, outWidth).CopyTo(outputs.AsSpan(t * outWidth, outWidth));
        }
        else
        {
            outputs.AsSpan(0, (steps - 1) * outWidth).Fill(float.NaN);
            output.Data.AsSpan(sample * outWidth, outWidth).CopyTo(outputs.AsSpan((steps - 1) * outWidth, outWidth));
        }
        Linear? head = OutputLinear(model, recurrent[^1], outWidth);
        return new NetworkSnapshot(CellOf(first), steps, inWidth, hiddenSizes, outWidth, GatesOf(first), inputs, hidden, gates, outputs,
            wIh, wHh, haveNorms ? norms : [], clipped)
        {
            InputBiases = bIh,
            RecurrentBiases = bHh,
            OutputWeights = head?.Weight.Values.ToArray() ?? [],
            OutputBias = head?.Bias?.Values.ToArray() ?? [],
        };
    }

    /// <summary>
    /// The Linear that turns the last recurrent layer's h_t into the outputs: the model's last module,
    /// after <paramref name="last"/> with only dropout and the last-step head between, reading its (one-direction) hidden
    /// state and writing <paramref name="outWidth"/> outputs; null for any other head.
    /// </summary>
    private static Linear? OutputLinear(SequenceModel model, RecurrentLayer last, int outWidth)
    {
        IReadOnlyList<Module> modules = model.Modules;
        if (modules.Count == 0 || modules[^1] is not Linear linear) return null;
        int at = -1;
        for (int i = 0; i < modules.Count; i++)
            if (ReferenceEquals(modules[i], last)) at = i;
        if (at < 0) return null;
        for (int i = at + 1; i < modules.Count - 1; i++)
            if (modules[i] is not (Dropout or LastStep)) return null;
        return linear.InputSize == last.OutputSize && last.OutputSize == last.HiddenSize && linear.OutputSize == outWidth ? linear : null;
    }

    /// <summary>The snapshot's cell type for a recurrent layer.</summary>
    public static CellType CellOf(RecurrentLayer layer) => layer switch
    {
        Lstm => CellType.Lstm,
        Gru => CellType.Gru,
        Rnn { Nonlinearity: RnnNonlinearity.Relu } => CellType.RnnRelu,
        Rnn => CellType.RnnTanh,
        _ => throw new ArgumentException($"{layer.Kind}: no snapshot cell type", nameof(layer)),
    };

    /// <summary>The gates of a recurrent layer in the order its gate buffers hold them.</summary>
    public static IReadOnlyList<Gate> GatesOf(RecurrentLayer layer) => layer switch
    {
        Lstm => LstmGates,
        Gru => GruGates,
        _ => [],
    };

    private static readonly Gate[] LstmGates = [Gate.Input, Gate.Forget, Gate.Cell, Gate.Output];
    private static readonly Gate[] GruGates = [Gate.Reset, Gate.Update, Gate.New];
}
