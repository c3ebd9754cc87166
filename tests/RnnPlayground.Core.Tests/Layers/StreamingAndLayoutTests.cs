using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers;

public class StreamingAndLayoutTests
{
    [TestCase(CellKind.Lstm)]
    [TestCase(CellKind.Gru)]
    [TestCase(CellKind.RnnTanh)]
    [TestCase(CellKind.RnnRelu)]
    public void StreamingStepsReproduceTheWholeSequenceForward(CellKind cell)
    {
        var spec = new ModelSpec(3, 0, [new RecurrentSpec(cell, 7, Layers: 2), new LinearSpec(2)], HeadMode.EveryStep);
        var model = new SequenceModel(spec);
        var rng = new RandomSource(31);
        model.ResetParameters(rng);
        int steps = 9;
        float[] x = GradientCheck.Random(rng, steps * 3, 2f);
        float[] whole = model.Forward(new Activations(x, steps, 1, 3), false).Span.ToArray();
        var session = new StreamingSession(model);
        for (int t = 0; t < steps; t++)
        {
            float[] y = session.Step(x.AsSpan(t * 3, 3)).ToArray();
            Assert.That(y, Is.EqualTo(whole.AsSpan(t * 2, 2).ToArray()).Within(1e-5), $"step {t}");
        }
        Assert.That(session.Steps, Is.EqualTo(steps));
        session.Reset();
        Assert.That(session.Step(x.AsSpan(0, 3)).ToArray(), Is.EqualTo(whole.AsSpan(0, 2).ToArray()).Within(1e-5), "reset starts over");
    }

    [Test]
    public void StreamingTokensThroughAnEmbeddingAllocatesNothing()
    {
        var spec = new ModelSpec(0, 10, [new EmbeddingSpec(4), new RecurrentSpec(CellKind.Lstm, 8), new LinearSpec(10)], HeadMode.EveryStep);
        var model = new SequenceModel(spec);
        model.ResetParameters(new RandomSource(1));
        int[] tokens = [3, 1, 4, 1, 5, 9, 2, 6];
        float[] whole = model.Forward(Activations.FromTokens(tokens, tokens.Length, 1), false).Span.ToArray();
        var session = new StreamingSession(model);
        for (int t = 0; t < tokens.Length; t++)
            Assert.That(session.Step(tokens[t]).ToArray(), Is.EqualTo(whole.AsSpan(t * 10, 10).ToArray()).Within(1e-5));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) session.Step(i % 10);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Step(10));
    }

    [Test]
    public void BatchFirstInputGivesTheSameNumbersTransposed()
    {
        var rng = new RandomSource(8);
        int steps = 4, batch = 3, input = 2;
        var store = new ParameterStore();
        var gru = new Gru(store, "", input, 5, 2, bidirectional: true);
        store.Seal();
        gru.ResetParameters(rng);
        float[] tm = GradientCheck.Random(rng, steps * batch * input);
        float[] bf = new float[tm.Length];
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
                tm.AsSpan((t * batch + b) * input, input).CopyTo(bf.AsSpan((b * steps + t) * input, input));
        float[] yTm = gru.Forward(new Activations(tm, steps, batch, input), false).Span.ToArray();
        float[] dy = GradientCheck.Random(rng, yTm.Length);
        store.ZeroGradients();
        float[] dxTm = gru.Backward(new Activations(dy, steps, batch, 10), true).Span.ToArray();
        float[] gradTm = store.Gradients.ToArray();

        gru.BatchFirst = true;
        float[] yBf = gru.Forward(new Activations(bf, steps, batch, input), false).Span.ToArray();
        float[] dyBf = new float[dy.Length];
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
            {
                Assert.That(yBf.AsSpan((b * steps + t) * 10, 10).ToArray(), Is.EqualTo(yTm.AsSpan((t * batch + b) * 10, 10).ToArray()));
                dy.AsSpan((t * batch + b) * 10, 10).CopyTo(dyBf.AsSpan((b * steps + t) * 10, 10));
            }
        store.ZeroGradients();
        float[] dxBf = gru.Backward(new Activations(dyBf, steps, batch, 10), true).Span.ToArray();
        Assert.That(store.Gradients, Is.EqualTo(gradTm));
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
                Assert.That(dxBf.AsSpan((b * steps + t) * input, input).ToArray(), Is.EqualTo(dxTm.AsSpan((t * batch + b) * input, input).ToArray()));
    }

    [Test]
    public void BadSizesAndShapesAreRefusedWithTheOffendingValues()
    {
        var store = new ParameterStore();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(store, "", 4, 0));
        Assert.That(e!.ParamName, Is.EqualTo("hiddenSize"));
        Assert.That(e.ActualValue, Is.EqualTo(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(store, "", 4, 8, numLayers: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rnn(store, "", 4, 8, dropout: 1f));

        var lstm = new Lstm(new ParameterStore(), "", 4, 8);
        var shape = Assert.Throws<ArgumentException>(() => lstm.Forward(new Activations(new float[30], 5, 2, 3), false));
        Assert.That(shape!.Message, Does.Contain("[5, 2, 4]").And.Contain("[5, 2, 3]"), "names the expected and the given shape");

        var model = new ModelSpec(4, 0, [new RecurrentSpec(CellKind.Gru, -3)], HeadMode.LastStep);
        var hidden = Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceModel(model));
        Assert.That(hidden!.Message, Does.Contain("'hidden' must be a positive integer (got -3)"));
    }

    [Test]
    public void ModelSpecRoundTripsThroughJson()
    {
        var spec = new ModelSpec(0, 65, [new EmbeddingSpec(64), new RecurrentSpec(CellKind.Lstm, 256, 2, Dropout: 0.1f),
            new DropoutSpec(0.2f), new LinearSpec(65) { Name = "head" }], HeadMode.EveryStep);
        ModelSpec back = ModelSpec.FromJson(spec.ToJson());
        Assert.That(back, Is.EqualTo(spec));
        Assert.That(spec.ToJson(), Does.Contain("\"cell\":\"lstm\""));
        Assert.That(new SequenceModel(back).Parameters.Find("head.weight"), Is.Not.Null);
        Assert.Throws<FormatException>(() => ModelSpec.FromJson("{\"layers\": 3}"));
    }
}
