using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers.Seq2Seq;

/// <summary>
/// Finite differences against the encoder–decoder's backward pass: every parameter (attention of each
/// kind, the bridge, decoder cell, embeddings, encoder) for each attention kind, cell and bridge, with
/// padded target steps in the batch.
/// </summary>
public class Seq2SeqGradientTests
{
    private static readonly object[] Cases =
    [
        new object[] { "additive, GRU→GRU, bidirectional, linear bridge", new Seq2SeqSpec(7, 6, 5, 4, new RecurrentSpec(CellKind.Gru, 4, Bidirectional: true), CellKind.Gru, 6, AttentionKind.Additive, 5) },
        new object[] { "dot, LSTM→LSTM, bidirectional, no bridge", new Seq2SeqSpec(7, 6, 5, 4, new RecurrentSpec(CellKind.Lstm, 4, Bidirectional: true), CellKind.Lstm, 8, AttentionKind.Dot, Bridge: BridgeKind.None) },
        new object[] { "general, RNN→RNN, 2 layers, linear bridge", new Seq2SeqSpec(7, 6, 5, 4, new RecurrentSpec(CellKind.RnnTanh, 5, Layers: 2), CellKind.RnnTanh, 6, AttentionKind.General) },
        new object[] { "none, GRU 2 layers bidirectional → LSTM, linear bridge", new Seq2SeqSpec(7, 6, 5, 4, new RecurrentSpec(CellKind.Gru, 3, Layers: 2, Bidirectional: true), CellKind.Lstm, 5, AttentionKind.None) },
        new object[] { "additive, LSTM→GRU, no bridge", new Seq2SeqSpec(7, 6, 5, 4, new RecurrentSpec(CellKind.Lstm, 6), CellKind.Gru, 6, AttentionKind.Additive, Bridge: BridgeKind.None) },
    ];

    [TestCaseSource(nameof(Cases))]
    public void EveryParameterGradientMatchesFiniteDifferences(string name, Seq2SeqSpec spec)
    {
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 11);
        Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, sourceSteps: 5, targetSteps: 4, size: 3);
        Assert.That(batch.TargetOutput.AsSpan(0, 12).ToArray(), Does.Contain(Seq2SeqBatch.Padding), "the batch has padded steps");
        CheckEveryParameter(name, model, batch, samples: 12);
    }

    [TestCaseSource(nameof(Cases))]
    public void GradientsOfABatchWithPaddedSourcesMatchFiniteDifferences(string name, Seq2SeqSpec spec)
    {
        Seq2SeqModel model = Seq2SeqFixtures.Model(spec, seed: 12);
        Seq2SeqBatch batch = Seq2SeqFixtures.Batch(spec, sourceSteps: 5, targetSteps: 4, size: 3);
        var rng = new RandomSource(2);
        for (int b = 1; b < 3; b++)
        {
            int[] source = [.. Enumerable.Range(0, 2 + b).Select(_ => rng.NextInt(spec.SourceVocabulary))];
            batch.Set(b, source, [2 + b], Seq2SeqFixtures.Start, Seq2SeqFixtures.End, sourcePadding: 0);
        }
        Assert.That(batch.SourceLengths.AsSpan(0, 3).ToArray(), Is.EqualTo(new[] { 5, 3, 4 }));
        CheckEveryParameter($"{name}, padded sources", model, batch, samples: 8);
    }

    /// <summary>Backpropagates one training pass of <paramref name="batch"/> and checks every parameter's gradient by finite differences.</summary>
    private static void CheckEveryParameter(string what, Seq2SeqModel model, Seq2SeqBatch batch, int samples)
    {
        ParameterStore store = model.Parameters;
        store.ZeroGradients();
        model.Forward(batch, training: true);
        model.Backward();
        float[] analytic = store.Gradients.AsSpan(0, store.Count).ToArray();
        double Loss() => model.Forward(batch, training: false);
        foreach (Parameter p in store.Parameters)
            GradientCheck.CheckRange($"{what}: {p.Name}", store.Values, analytic, Loss, p.Offset, p.Length, samples, epsilon: 5e-3f, relative: 1e-2, absolute: 2e-4);
    }

    [Test]
    public void TheAttentionAndBridgeParametersHaveTheirPyTorchNames()
    {
        var spec = (Seq2SeqSpec)((object[])Cases[0])[1];
        var names = new Seq2SeqModel(spec).Parameters.Parameters.Select(p => p.ToString()).ToArray();
        Assert.That(names, Is.EqualTo(new[]
        {
            "encoder.embedding.weight [7, 5]",
            "encoder.rnn.weight_ih_l0 [12, 5]", "encoder.rnn.weight_hh_l0 [12, 4]", "encoder.rnn.bias_ih_l0 [12]", "encoder.rnn.bias_hh_l0 [12]",
            "encoder.rnn.weight_ih_l0_reverse [12, 5]", "encoder.rnn.weight_hh_l0_reverse [12, 4]", "encoder.rnn.bias_ih_l0_reverse [12]", "encoder.rnn.bias_hh_l0_reverse [12]",
            "decoder.embedding.weight [6, 4]",
            "decoder.bridge.weight [6, 8]", "decoder.bridge.bias [6]",
            "decoder.cell.weight_ih [18, 12]", "decoder.cell.weight_hh [18, 6]", "decoder.cell.bias_ih [18]", "decoder.cell.bias_hh [18]",
            "decoder.out.weight [6, 14]", "decoder.out.bias [6]",
            "attention.query.weight [5, 6]", "attention.key.weight [5, 8]", "attention.key.bias [5]", "attention.v.weight [1, 5]",
        }));
    }
}
