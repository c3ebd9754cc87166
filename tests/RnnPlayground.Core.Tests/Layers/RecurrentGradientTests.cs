using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>Finite-difference checks of every recurrent cell on random shapes, stacked and bidirectional, padded batches (masked) included.</summary>
public class RecurrentGradientTests
{
    private static RecurrentLayer Make(CellKind cell, ParameterStore s, int input, int hidden, int layers, bool bidirectional, bool bias = true) => cell switch
    {
        CellKind.Lstm => new Lstm(s, "", input, hidden, layers, bias, 0f, bidirectional),
        CellKind.Gru => new Gru(s, "", input, hidden, layers, bias, 0f, bidirectional),
        CellKind.RnnTanh => new Rnn(s, "", input, hidden, layers, RnnNonlinearity.Tanh, bias, 0f, bidirectional),
        _ => new Rnn(s, "", input, hidden, layers, RnnNonlinearity.Relu, bias, 0f, bidirectional),
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        int seed = 100;
        foreach (CellKind cell in Enum.GetValues<CellKind>())
            foreach ((int layers, bool bi) in new[] { (1, false), (2, false), (1, true), (2, true) })
                yield return new TestCaseData(cell, layers, bi, false, seed++).SetName($"{cell} layers={layers} bidirectional={bi}");
        yield return new TestCaseData(CellKind.Lstm, 1, false, false, 999).SetName("Lstm without bias");
        foreach (CellKind cell in Enum.GetValues<CellKind>())
            foreach ((int layers, bool bi) in new[] { (1, false), (2, true) })
                yield return new TestCaseData(cell, layers, bi, true, seed++).SetName($"{cell} layers={layers} bidirectional={bi} masked");
    }

    [TestCaseSource(nameof(Cases))]
    public void AnalyticGradientsMatchFiniteDifferences(CellKind cell, int layers, bool bidirectional, bool masked, int seed)
    {
        var rng = new RandomSource((ulong)seed);
        int input = 1 + rng.NextInt(4), hidden = 1 + rng.NextInt(5), steps = 1 + rng.NextInt(5), batch = 1 + rng.NextInt(3);
        // A masked case: three sequences of unsorted lengths, one of them full, one a single step.
        int[]? lengths = masked ? [Math.Max(1, steps - 2), steps + 1, 1] : null;
        if (masked)
        {
            steps++;
            batch = 3;
        }
        var store = new ParameterStore();
        RecurrentLayer layer = Make(cell, store, input, hidden, layers, bidirectional, bias: seed != 999);
        store.Seal();
        layer.ResetParameters(rng);
        // Scale weights up a little so the cells leave their linear region.
        for (int i = 0; i < store.Count; i++) store.Values[i] *= 2f;
        float[] x = GradientCheck.Random(rng, steps * batch * input);
        int stateLength = layer.StateCount * batch * hidden;
        float[] h0 = GradientCheck.Random(rng, stateLength, 0.5f);
        float[]? c0 = layer.HasCellState ? GradientCheck.Random(rng, stateLength, 0.5f) : null;
        float[] wOut = GradientCheck.Random(rng, steps * batch * layer.OutputSize);
        float[] wH = GradientCheck.Random(rng, stateLength);
        float[]? wC = layer.HasCellState ? GradientCheck.Random(rng, stateLength) : null;

        double Loss()
        {
            layer.InitialHidden = h0;
            layer.InitialCell = c0;
            var xs = new Activations(x, steps, batch, input);
            Activations y = lengths is null ? layer.Forward(xs, false) : layer.Forward(xs, lengths, false);
            double l = GradientCheck.Dot(y.Span, wOut) + GradientCheck.Dot(layer.FinalHidden, wH);
            if (wC is not null) l += GradientCheck.Dot(layer.FinalCell, wC);
            return l;
        }

        Loss();
        store.ZeroGradients();
        layer.FinalHiddenGradient = wH;
        layer.FinalCellGradient = wC;
        float[] dx = layer.Backward(new Activations(wOut, steps, batch, layer.OutputSize), true).Span.ToArray();
        float[] dh0 = layer.InitialHiddenGradient.ToArray();
        float[]? dc0 = layer.HasCellState ? layer.InitialCellGradient.ToArray() : null;
        float[] grads = store.Gradients.ToArray();

        GradientCheck.Check("x", x, dx, Loss);
        // A small step for h0: the masked ReLU case puts a unit next to its kink.
        GradientCheck.Check("h0", h0, dh0, Loss, epsilon: 1e-3f);
        if (c0 is not null) GradientCheck.Check("c0", c0, dc0!, Loss);
        foreach (Parameter p in store.Parameters)
        {
            float[] values = store.Values;
            // Check through the whole buffer at this parameter's offset.
            var local = new float[p.Length];
            p.Values.CopyTo(local);
            double LossWith()
            {
                local.CopyTo(values, p.Offset);
                return Loss();
            }
            GradientCheck.Check(p.Name, local, grads.AsSpan(p.Offset, p.Length), LossWith, samples: 12);
            local.CopyTo(values, p.Offset);
        }
    }

    [Test]
    public void GradientNormPerStepShowsVanishingInATanhRnn()
    {
        var rng = new RandomSource(3);
        var store = new ParameterStore();
        var rnn = new Rnn(store, "", 2, 16, 1) { TrackGradientNorms = true };
        store.Seal();
        rnn.ResetParameters(rng);
        int steps = 30;
        float[] x = GradientCheck.Random(rng, steps * 2);
        Activations y = rnn.Forward(new Activations(x, steps, 1, 2), false);
        var dy = new float[y.Span.Length];
        for (int j = 0; j < 16; j++) dy[(steps - 1) * 16 + j] = 1f; // loss on the last step only
        rnn.Backward(new Activations(dy, steps, 1, 16), false);
        float[] norms = rnn.GradientNormPerStep.ToArray();
        Assert.That(norms, Has.Length.EqualTo(steps));
        Assert.That(norms[^1], Is.EqualTo(4f).Within(1e-5), "the last step sees the loss gradient itself (‖1‖ over 16 units)");
        Assert.That(norms[0], Is.LessThan(norms[^1] * 1e-2), "the gradient reaching the first step has vanished");
    }
}
