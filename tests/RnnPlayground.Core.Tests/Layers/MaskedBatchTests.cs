using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>
/// Masked (variable-length) batches: a padded batch gives, per sequence, the outputs, final states
/// and gradients of that sequence run alone, for every cell, stacked and bidirectional.
/// </summary>
public class MaskedBatchTests
{
    private const float Tolerance = 1e-5f;

    /// <summary>Lengths out of order, with ties and a one-step sequence.</summary>
    private static readonly int[] Unsorted = [4, 6, 1, 3, 6, 2];

    internal static RecurrentLayer Make(CellKind cell, ParameterStore s, int input, int hidden, int layers, bool bidirectional) => cell switch
    {
        CellKind.Lstm => new Lstm(s, "", input, hidden, layers, bidirectional: bidirectional),
        CellKind.Gru => new Gru(s, "", input, hidden, layers, bidirectional: bidirectional),
        CellKind.RnnTanh => new Rnn(s, "", input, hidden, layers, RnnNonlinearity.Tanh, bidirectional: bidirectional),
        _ => new Rnn(s, "", input, hidden, layers, RnnNonlinearity.Relu, bidirectional: bidirectional),
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        int seed = 500;
        foreach (CellKind cell in Enum.GetValues<CellKind>())
            foreach ((int layers, bool bi) in new[] { (1, false), (1, true), (2, true) })
                foreach (bool states in new[] { false, true })
                    yield return new TestCaseData(cell, layers, bi, states, false, Unsorted, seed++)
                        .SetName($"{cell} layers={layers} bidirectional={bi} initialStates={states}");
        yield return new TestCaseData(CellKind.Lstm, 2, true, true, true, Unsorted, 900).SetName("Lstm batch-first");
        yield return new TestCaseData(CellKind.Gru, 1, true, true, true, Unsorted, 901).SetName("Gru batch-first");
        // Already longest first: the rows run in place, without being gathered.
        yield return new TestCaseData(CellKind.Lstm, 2, true, true, false, new[] { 6, 6, 4, 3, 2, 1 }, 902).SetName("Lstm sorted lengths");
        yield return new TestCaseData(CellKind.Gru, 1, true, true, true, new[] { 6, 5, 5, 1 }, 903).SetName("Gru sorted lengths batch-first");
    }

    [TestCaseSource(nameof(Cases))]
    public void APaddedBatchMatchesEachSequenceRunAlone(CellKind cell, int layers, bool bidirectional, bool initialStates, bool batchFirst,
        int[] lengths, int seed)
    {
        var rng = new RandomSource((ulong)seed);
        int input = 3, hidden = 4, steps = 6;
        int batch = lengths.Length;
        var store = new ParameterStore();
        RecurrentLayer layer = Make(cell, store, input, hidden, layers, bidirectional);
        layer.BatchFirst = batchFirst;
        store.Seal();
        layer.ResetParameters(rng);
        int dh = layer.OutputSize, states = layer.StateCount;
        // Padding holds noise: it must not leak into anything.
        float[] x = GradientCheck.Random(rng, steps * batch * input);
        float[] dy = GradientCheck.Random(rng, steps * batch * dh);
        float[]? h0 = initialStates ? GradientCheck.Random(rng, states * batch * hidden, 0.5f) : null;
        float[]? c0 = initialStates && layer.HasCellState ? GradientCheck.Random(rng, states * batch * hidden, 0.5f) : null;
        float[] dhFinal = GradientCheck.Random(rng, states * batch * hidden);
        float[]? dcFinal = layer.HasCellState ? GradientCheck.Random(rng, states * batch * hidden) : null;
        int Row(int t, int b) => batchFirst ? b * steps + t : t * batch + b;

        layer.InitialHidden = h0;
        layer.InitialCell = c0;
        float[] y = layer.Forward(new Activations(x, steps, batch, input), lengths, true).Span.ToArray();
        float[] hFinal = layer.FinalHidden.ToArray();
        float[] cFinal = layer.FinalCell.ToArray();
        Assert.That(layer.SequenceLengths.ToArray(), Is.EqualTo(lengths));
        store.ZeroGradients();
        layer.FinalHiddenGradient = dhFinal;
        layer.FinalCellGradient = dcFinal;
        float[] dx = layer.Backward(new Activations(dy, steps, batch, dh), true).Span.ToArray();
        float[] dh0 = layer.InitialHiddenGradient.ToArray();
        float[] dc0 = layer.InitialCellGradient.ToArray();
        float[] batchGradients = store.Gradients.ToArray();

        var aloneGradients = new float[batchGradients.Length];
        store.ZeroGradients();
        layer.BatchFirst = false;
        for (int b = 0; b < batch; b++)
        {
            int len = lengths[b];
            float[] xb = new float[len * input], dyb = new float[len * dh];
            for (int t = 0; t < len; t++)
            {
                x.AsSpan(Row(t, b) * input, input).CopyTo(xb.AsSpan(t * input));
                dy.AsSpan(Row(t, b) * dh, dh).CopyTo(dyb.AsSpan(t * dh));
            }
            layer.InitialHidden = h0 is null ? null : StateRow(h0, states, batch, hidden, b);
            layer.InitialCell = c0 is null ? null : StateRow(c0, states, batch, hidden, b);
            float[] yb = layer.Forward(new Activations(xb, len, 1, input), true).Span.ToArray();
            for (int t = 0; t < steps; t++)
            {
                float[] expected = t < len ? yb.AsSpan(t * dh, dh).ToArray() : new float[dh];
                Assert.That(y.AsSpan(Row(t, b) * dh, dh).ToArray(), Is.EqualTo(expected).Within(Tolerance), $"output of sequence {b} at step {t}");
            }
            Assert.That(StateRow(hFinal, states, batch, hidden, b), Is.EqualTo(layer.FinalHidden.ToArray()).Within(Tolerance), $"final h of sequence {b}");
            if (layer.HasCellState)
                Assert.That(StateRow(cFinal, states, batch, hidden, b), Is.EqualTo(layer.FinalCell.ToArray()).Within(Tolerance), $"final c of sequence {b}");
            layer.FinalHiddenGradient = StateRow(dhFinal, states, batch, hidden, b);
            layer.FinalCellGradient = dcFinal is null ? null : StateRow(dcFinal, states, batch, hidden, b);
            float[] dxb = layer.Backward(new Activations(dyb, len, 1, dh), true).Span.ToArray();
            for (int t = 0; t < steps; t++)
            {
                float[] expected = t < len ? dxb.AsSpan(t * input, input).ToArray() : new float[input];
                Assert.That(dx.AsSpan(Row(t, b) * input, input).ToArray(), Is.EqualTo(expected).Within(Tolerance), $"input gradient of sequence {b} at step {t}");
            }
            Assert.That(StateRow(dh0, states, batch, hidden, b), Is.EqualTo(layer.InitialHiddenGradient.ToArray()).Within(Tolerance), $"dh0 of sequence {b}");
            if (layer.HasCellState)
                Assert.That(StateRow(dc0, states, batch, hidden, b), Is.EqualTo(layer.InitialCellGradient.ToArray()).Within(Tolerance), $"dc0 of sequence {b}");
        }
        store.Gradients.CopyTo(aloneGradients);
        foreach (Parameter p in store.Parameters)
            Assert.That(batchGradients.AsSpan(p.Offset, p.Length).ToArray(), Is.EqualTo(aloneGradients.AsSpan(p.Offset, p.Length).ToArray()).Within(Tolerance),
                $"gradient of {p.Name}: the batch's against the sum over sequences run alone");
    }

    [Test]
    public void FullLengthsGiveThePlainPass()
    {
        var rng = new RandomSource(4);
        var store = new ParameterStore();
        var lstm = new Lstm(store, "", 2, 3, 2, bidirectional: true);
        store.Seal();
        lstm.ResetParameters(rng);
        float[] x = GradientCheck.Random(rng, 5 * 3 * 2);
        float[] plain = lstm.Forward(new Activations(x, 5, 3, 2), false).Span.ToArray();
        float[] masked = lstm.Forward(new Activations(x, 5, 3, 2), [5, 5, 5], false).Span.ToArray();
        Assert.That(masked, Is.EqualTo(plain));
    }

    [Test]
    public void BadLengthsAreRefused()
    {
        var store = new ParameterStore();
        var gru = new Gru(store, "", 2, 3);
        store.Seal();
        var x = new Activations(new float[4 * 2 * 2], 4, 2, 2);
        Assert.That(() => gru.Forward(x, [4], false), Throws.ArgumentException.With.Message.Contains("1 sequence lengths for a batch of 2"));
        Assert.That(() => gru.Forward(x, [4, 0], false), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("[1, 4]"));
        Assert.That(() => gru.Forward(x, [5, 1], false), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void MaskedPassesAllocateNothingAfterWarmUp()
    {
        var rng = new RandomSource(6);
        var store = new ParameterStore();
        var lstm = new Lstm(store, "", 3, 8, 2, bidirectional: true);
        store.Seal();
        lstm.ResetParameters(rng);
        int steps = 7, batch = 4;
        float[] x = GradientCheck.Random(rng, steps * batch * 3), dy = GradientCheck.Random(rng, steps * batch * lstm.OutputSize);
        int[][] batches = [[3, 7, 1, 5], [7, 6, 2, 2], [2, 7, 7, 4]];
        void Pass(int[] lengths)
        {
            lstm.Forward(new Activations(x, steps, batch, 3), lengths, true);
            lstm.Backward(new Activations(dy, steps, batch, lstm.OutputSize), true);
        }
        foreach (int[] lengths in batches) Pass(lengths);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 30; i++) Pass(batches[i % batches.Length]);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    /// <summary>Row <paramref name="b"/> of a state [S, B, H] as a state [S, 1, H].</summary>
    private static float[] StateRow(float[] state, int count, int batch, int hidden, int b)
    {
        var row = new float[count * hidden];
        for (int s = 0; s < count; s++) state.AsSpan((s * batch + b) * hidden, hidden).CopyTo(row.AsSpan(s * hidden));
        return row;
    }
}
