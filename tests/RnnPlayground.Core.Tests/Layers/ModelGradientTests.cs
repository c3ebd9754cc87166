using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>Finite differences through whole models: embedding, stacked cells, linear heads, losses.</summary>
public class ModelGradientTests
{
    private static void CheckModel(SequenceModel model, Func<Activations> input, Func<Activations, float[], double> loss, ulong seed)
    {
        var rng = new RandomSource(seed);
        model.ResetParameters(rng);
        ParameterStore store = model.Parameters;
        Activations output = model.Forward(input(), false);
        var grad = new float[output.Span.Length];
        loss(output, grad);
        store.ZeroGradients();
        model.Backward(new Activations(grad, output.Steps, output.Batch, output.Width));
        float[] analytic = store.Gradients.ToArray();
        var scratch = new float[grad.Length];
        foreach (Parameter p in store.Parameters)
        {
            var local = p.Values.ToArray();
            double Loss()
            {
                local.CopyTo(store.Values, p.Offset);
                return loss(model.Forward(input(), false), scratch);
            }
            GradientCheck.Check(p.Name, local, analytic.AsSpan(p.Offset, p.Length), Loss, samples: 10, epsilon: 5e-3f);
            local.CopyTo(store.Values, p.Offset);
        }
    }

    [Test]
    public void EmbeddingLstmStackLinearEveryStepWithCrossEntropy()
    {
        var spec = new ModelSpec(0, 7, [new EmbeddingSpec(3), new RecurrentSpec(CellKind.Lstm, 4, Layers: 2), new LinearSpec(7)], HeadMode.EveryStep);
        var model = new SequenceModel(spec);
        int steps = 4, batch = 2;
        int[] tokens = [1, 2, 6, 0, 3, 3, 5, 4];
        int[] targets = [2, 6, 0, -1, 3, 5, 4, 1];
        var ce = new CrossEntropyLoss();
        CheckModel(model, () => Activations.FromTokens(tokens, steps, batch),
            (y, g) => ce.Compute(y.Span, y.Rows, 7, 7, targets, g), 21);
    }

    [Test]
    public void BidirectionalGruLastStepLinearWithHuberAndClassesTogether()
    {
        var spec = new ModelSpec(3, 0, [new RecurrentSpec(CellKind.Gru, 5, Bidirectional: true), new LinearSpec(6), new LinearSpec(3)], HeadMode.LastStep);
        var model = new SequenceModel(spec);
        Assert.That(model.Parameters.Find("linear_2.weight"), Is.Not.Null, "a second linear layer gets its own prefix");
        var rng = new RandomSource(5);
        float[] x = GradientCheck.Random(rng, 5 * 2 * 3);
        var shape = new Core.Data.TaskShape(5, 3, 0, 2, 1, false, ["a", "b", "c"], ["no", "yes"], ["v"]);
        var loss = new TaskLoss(shape, regression: new RegressionLoss(RegressionLossKind.Huber, 0.5f), valueWeight: 0.7f);
        int[] classes = [1, 0];
        float[] values = [0.3f, -2f];
        CheckModel(model, () => new Activations(x, 5, 2, 3), (y, g) => loss.Compute(y.Span, y.Rows, classes, values, g).Total, 22);
    }

    [Test]
    public void TruncatedBpttGradientIsTheChunkGradientWithTheCarriedStateHeldFixed()
    {
        var spec = new ModelSpec(2, 0, [new RecurrentSpec(CellKind.Lstm, 3), new LinearSpec(1)], HeadMode.EveryStep);
        var model = new SequenceModel(spec);
        var rng = new RandomSource(9);
        model.ResetParameters(rng);
        float[] first = GradientCheck.Random(rng, 3 * 2 * 2), second = GradientCheck.Random(rng, 3 * 2 * 2);
        float[] target = GradientCheck.Random(rng, 3 * 2);
        var mse = new RegressionLoss();
        var grad = new float[6];

        model.CarryState = true;
        model.ResetState();
        model.Forward(new Activations(first, 3, 2, 2), true);
        Activations y = model.Forward(new Activations(second, 3, 2, 2), true);
        mse.Compute(y.Span, 6, 1, 1, target, grad);
        model.Parameters.ZeroGradients();
        model.Backward(new Activations(grad, 3, 2, 1));
        float[] analytic = model.Parameters.Gradients.ToArray();
        RecurrentLayer lstm = model.RecurrentLayers[0];
        Assert.That(lstm.InitialHiddenGradient.ToArray(), Has.Some.Not.Zero, "the gradient reaches the carried state…");

        // …but is cut there: the numeric gradient of the second chunk's loss, from the carried
        // state computed once with the original weights, equals the analytic one.
        float[] carriedH = lstm.InitialHidden!.AsSpan(0, 6).ToArray(), carriedC = lstm.InitialCell!.AsSpan(0, 6).ToArray();
        model.CarryState = false;
        var linear = (Linear)model.Modules[1];
        double ChunkLoss()
        {
            lstm.InitialHidden = carriedH;
            lstm.InitialCell = carriedC;
            Activations h = lstm.Forward(new Activations(second, 3, 2, 2), false);
            var o = new float[6];
            linear.Project(h.Span, 6, o);
            return mse.Compute(o, 6, 1, 1, target, new float[6]);
        }
        ParameterStore store = model.Parameters;
        var all = store.Values.AsSpan(0, store.Count).ToArray();
        GradientCheck.Check("all parameters", all, analytic, () =>
        {
            all.CopyTo(store.Values, 0);
            return ChunkLoss();
        }, samples: 30, epsilon: 5e-3f);
    }
}
