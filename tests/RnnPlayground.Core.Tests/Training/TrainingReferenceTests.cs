using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Training;

/// <summary>The training-step fixtures: whole models, losses, clipping and optimizer steps against libtorch.</summary>
public class TrainingReferenceTests
{
    /// <summary>The fixtures of kind "training" these tests check, one test each (ReferenceCoverageTests holds the list to Reference/).</summary>
    internal static readonly string[] Fixtures = ["clip_sgd", "pipeline_char", "rnn_classifier_last_step"];

    private static void LoadParams(ReferenceFixture f, ParameterStore store, string group = "params")
    {
        Dictionary<string, RefTensor> ps = f.Group(group);
        Assert.That(ps.Keys, Is.EquivalentTo(store.Parameters.Select(p => p.Name)));
        foreach ((string name, RefTensor t) in ps)
        {
            Assert.That(store[name].Shape, Is.EqualTo(t.Shape), name);
            t.ToFloat().CopyTo(store[name].Values);
        }
    }

    private static void CheckGroup(ReferenceFixture f, ParameterStore store, string group, bool gradients)
    {
        foreach ((string name, RefTensor t) in f.Group(group))
            Close.Assert(gradients ? store[name].Gradients : store[name].Values, t.Data, $"{f.Name} {group} {name}");
    }

    [Test]
    public void CharPipelineMatchesLossGradientsAndTwoAdamSteps()
    {
        var f = ReferenceFixture.Load("pipeline_char");
        var spec = new ModelSpec(0, f.Int("vocab"),
            [new EmbeddingSpec(f.Int("embed_dim")), new RecurrentSpec(CellKind.Lstm, f.Int("hidden_size")), new LinearSpec(f.Int("vocab"))],
            HeadMode.EveryStep);
        var model = new SequenceModel(spec);
        LoadParams(f, model.Parameters);
        var adam = new Adam(model.Parameters, 0.01f, 0.9f, 0.999f, 1e-8f);
        int steps = f.Int("seq_len"), batch = f.Int("batch"), vocab = f.Int("vocab");
        int[] tokens = f.Tensor("tokens").ToInt(), targets = f.Tensor("targets").ToInt();
        var ce = new CrossEntropyLoss();
        var grad = new float[steps * batch * vocab];

        double Step()
        {
            model.Parameters.ZeroGradients();
            Activations logits = model.Forward(Activations.FromTokens(tokens, steps, batch), training: true);
            double loss = ce.Compute(logits.Span, logits.Rows, vocab, vocab, targets, grad);
            model.Backward(new Activations(grad, logits.Steps, logits.Batch, vocab));
            return loss;
        }

        Activations first = model.Forward(Activations.FromTokens(tokens, steps, batch), false);
        Close.Assert(first.Span, f.Tensor("logits").Data, "logits");
        Close.Assert(Step(), f.Number("loss"), "loss");
        CheckGroup(f, model.Parameters, "grads", gradients: true);
        adam.Step();
        CheckGroup(f, model.Parameters, "params_after_step1", gradients: false);
        Close.Assert(Step(), f.Number("loss_step2"), "loss step 2");
        CheckGroup(f, model.Parameters, "grads_step2", gradients: true);
        adam.Step();
        CheckGroup(f, model.Parameters, "params_after_step2", gradients: false);
    }

    [Test]
    public void GruRegressorMatchesClippingAndSgdMomentumSteps()
    {
        var f = ReferenceFixture.Load("clip_sgd");
        double maxNorm = f.Element("clip/max_norm").GetDouble();
        var spec = new ModelSpec(f.Int("input_size"), 0,
            [new RecurrentSpec(CellKind.Gru, f.Int("hidden_size")), new LinearSpec(1)], HeadMode.LastStep);
        var model = new SequenceModel(spec);
        LoadParams(f, model.Parameters);
        var sgd = new Sgd(model.Parameters, 0.1f, momentum: 0.9f);
        int steps = f.Int("seq_len"), batch = f.Int("batch");
        float[] x = f.Tensor("x").ToFloat(), y = f.Tensor("y").ToFloat();
        var mse = new RegressionLoss(RegressionLossKind.Mse);
        var grad = new float[batch];

        foreach (string s in new[] { "", "_step2" })
        {
            model.Parameters.ZeroGradients();
            Activations output = model.Forward(new Activations(x, steps, batch, f.Int("input_size")), true);
            Assert.That(output.Rows, Is.EqualTo(batch));
            double loss = mse.Compute(output.Span, batch, 1, 1, y, grad);
            Close.Assert(loss, f.Number("loss" + s), "loss" + s);
            model.Backward(new Activations(grad, 1, batch, 1));
            CheckGroup(f, model.Parameters, "grads" + s, gradients: true);
            double norm = GradientClipping.ClipByNorm(model.Parameters, maxNorm);
            Close.Assert(norm, f.Number("total_norm" + s), "total norm" + s);
            double coefficient = f.Number("clip_coef" + s);
            Assert.That(coefficient, Is.LessThan(1.0), "the fixture's step clips");
            Close.Assert(GradientClipping.GlobalNorm(model.Parameters) / norm, coefficient, "applied clip coefficient" + s);
            CheckGroup(f, model.Parameters, "grads_clipped" + s, gradients: true);
            sgd.Step();
            CheckGroup(f, model.Parameters, "params_after_step1".Replace("1", s == "" ? "1" : "2"), gradients: false);
        }
    }

    [Test]
    public void RnnClassifierMatchesLogitsLossGradientsAndAdamStep()
    {
        var f = ReferenceFixture.Load("rnn_classifier_last_step");
        var spec = new ModelSpec(f.Int("input_size"), 0,
            [new RecurrentSpec(CellKind.RnnTanh, f.Int("hidden_size")), new LinearSpec(2)], HeadMode.LastStep);
        var model = new SequenceModel(spec);
        LoadParams(f, model.Parameters);
        var adam = new Adam(model.Parameters, 1e-3f);
        int steps = f.Int("seq_len"), batch = f.Int("batch");
        Activations logits = model.Forward(new Activations(f.Tensor("x").ToFloat(), steps, batch, f.Int("input_size")), true);
        Close.Assert(logits.Span, f.Tensor("logits").Data, "logits");
        var grad = new float[batch * 2];
        double loss = new CrossEntropyLoss().Compute(logits.Span, batch, 2, 2, f.Tensor("targets").ToInt(), grad);
        Close.Assert(loss, f.Number("loss"), "loss");
        model.Parameters.ZeroGradients();
        model.Backward(new Activations(grad, 1, batch, 2));
        CheckGroup(f, model.Parameters, "grads", gradients: true);
        adam.Step();
        CheckGroup(f, model.Parameters, "params_after_step1", gradients: false);
    }
}
