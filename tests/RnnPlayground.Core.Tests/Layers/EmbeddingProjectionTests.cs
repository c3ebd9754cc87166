using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>
/// A recurrent layer fed by an embedding, with the embedding's <see cref="EmbeddingProjection"/> as its
/// first input projection, gives the outputs and every gradient of the plain embedding → layer pass;
/// masked batches fall back to the plain pass.
/// </summary>
public class EmbeddingProjectionTests
{
    private const int Vocabulary = 7, Width = 5, Hidden = 4, Steps = 6, Batch = 3;

    [TestCase(CellKind.Gru, 1, true)]
    [TestCase(CellKind.Lstm, 2, true)]
    [TestCase(CellKind.RnnTanh, 1, false)]
    public void TheProjectedPassGivesThePlainPassesOutputsAndGradients(CellKind cell, int layers, bool bidirectional)
    {
        int[] tokens = Tokens();
        (ParameterStore plainStore, Embedding plainEmbedding, RecurrentLayer plain) = Make(cell, layers, bidirectional);
        (ParameterStore store, Embedding embedding, RecurrentLayer projected) = Make(cell, layers, bidirectional);
        projected.InputProjection = new EmbeddingProjection(embedding) { Tokens = tokens };

        float[] plainOutput = Run(plainEmbedding, plain, tokens, default);
        float[] output = Run(embedding, projected, tokens, default);

        Assert.That(projected.InputProjected, Is.True);
        Assert.That(plain.InputProjected, Is.False);
        Assert.That(output, Is.EqualTo(plainOutput).Within(1e-5f), "outputs");
        Assert.That(store.Gradients.AsSpan(0, store.Count).ToArray(), Is.EqualTo(plainStore.Gradients.AsSpan(0, plainStore.Count).ToArray()).Within(1e-5f),
            "every parameter's gradient, the embedding's included");
    }

    [Test]
    public void AMaskedBatchTakesThePlainPass()
    {
        int[] tokens = Tokens();
        (ParameterStore plainStore, Embedding plainEmbedding, RecurrentLayer plain) = Make(CellKind.Gru, 1, true);
        (ParameterStore store, Embedding embedding, RecurrentLayer projected) = Make(CellKind.Gru, 1, true);
        projected.InputProjection = new EmbeddingProjection(embedding) { Tokens = tokens };

        float[] plainOutput = Run(plainEmbedding, plain, tokens, [6, 2, 4]);
        float[] output = Run(embedding, projected, tokens, [6, 2, 4]);

        Assert.That(projected.InputProjected, Is.False);
        Assert.That(output, Is.EqualTo(plainOutput));
        Assert.That(store.Gradients.AsSpan(0, store.Count).ToArray(), Is.EqualTo(plainStore.Gradients.AsSpan(0, plainStore.Count).ToArray()));
    }

    private static int[] Tokens()
    {
        var random = new RandomSource(11);
        return [.. Enumerable.Range(0, Steps * Batch).Select(_ => random.NextInt(Vocabulary))];
    }

    private static (ParameterStore, Embedding, RecurrentLayer) Make(CellKind cell, int layers, bool bidirectional)
    {
        var store = new ParameterStore();
        var embedding = new Embedding(store, "embedding.", Vocabulary, Width);
        RecurrentLayer layer = MaskedBatchTests.Make(cell, store, Width, Hidden, layers, bidirectional);
        store.Seal();
        var random = new RandomSource(5);
        embedding.ResetParameters(random);
        layer.ResetParameters(random);
        return (store, embedding, layer);
    }

    /// <summary>Forward, then backward of the loss Σ output·c (c fixed) into the gradients; returns the output.</summary>
    private static float[] Run(Embedding embedding, RecurrentLayer layer, int[] tokens, int[]? lengths)
    {
        Activations embedded = embedding.Forward(Activations.FromTokens(tokens, Steps, Batch), training: true);
        Activations output = lengths is null ? layer.Forward(embedded, training: true) : layer.Forward(embedded, lengths, training: true);
        float[] result = output.Span.ToArray();
        float[] dOutput = [.. Enumerable.Range(0, result.Length).Select(i => MathF.Sin(i * 0.7f))];
        bool projected = layer.InputProjected;
        Activations dEmbedded = layer.Backward(new Activations(dOutput, Steps, Batch, output.Width), needInputGradient: !projected);
        if (!projected) embedding.Backward(dEmbedded, needInputGradient: false);
        return result;
    }
}
