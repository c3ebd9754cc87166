using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;

namespace RnnPlayground.Core.Tests.Layers.Seq2Seq;

/// <summary>Small encoder–decoders and batches for the seq2seq tests (fixed seeds).</summary>
internal static class Seq2SeqFixtures
{
    public const int Start = 0, End = 1;

    public static Seq2SeqModel Model(Seq2SeqSpec spec, ulong seed = 3, float scale = 1f)
    {
        var model = new Seq2SeqModel(spec);
        model.ResetParameters(new RandomSource(seed));
        if (scale != 1f)
            for (int i = 0; i < model.Parameters.Count; i++) model.Parameters.Values[i] *= scale;
        return model;
    }

    /// <summary>A batch of <paramref name="size"/> random pairs, sources <paramref name="sourceSteps"/> long, targets of varied lengths (some padded).</summary>
    public static Seq2SeqBatch Batch(Seq2SeqSpec spec, int sourceSteps, int targetSteps, int size, ulong seed = 5)
    {
        var rng = new RandomSource(seed);
        var batch = new Seq2SeqBatch();
        batch.Resize(sourceSteps, targetSteps, size);
        for (int b = 0; b < size; b++)
        {
            int[] source = [.. Enumerable.Range(0, sourceSteps).Select(_ => rng.NextInt(spec.SourceVocabulary))];
            int length = b == 0 ? targetSteps - 1 : 1 + rng.NextInt(targetSteps - 1);
            int[] target = [.. Enumerable.Range(0, length).Select(_ => 2 + rng.NextInt(spec.TargetVocabulary - 2))];
            batch.Set(b, source, target, Start, End);
        }
        return batch;
    }
}
