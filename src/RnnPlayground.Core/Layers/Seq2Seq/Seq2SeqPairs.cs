using RnnPlayground.Core.Data;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// An encoder–decoder on a <see cref="PairDataset"/>: the spec sized to its vocabularies, an epoch
/// of training over its length-bucketed batches, and translating text through its vocabularies
/// (start and end are <see cref="TokenVocabulary.Bos"/> and <see cref="TokenVocabulary.Eos"/>) into
/// the output text and the attention picture the window draws.
/// </summary>
public static class Seq2SeqPairs
{
    /// <summary><paramref name="spec"/> with the source and target vocabulary sizes of <paramref name="data"/>.</summary>
    public static Seq2SeqSpec Sized(Seq2SeqSpec spec, PairDataset data)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        return spec with { SourceVocabulary = data.SourceVocabulary.Size, TargetVocabulary = data.TargetVocabulary.Size };
    }

    /// <summary>
    /// One pass over the training split in batches of at most <paramref name="batchSize"/> (bucketed by
    /// source length, shuffled by <paramref name="random"/>); returns the mean of the batches' losses.
    /// </summary>
    public static double TrainEpoch(Seq2SeqTrainer trainer, PairDataset data, int batchSize, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        var pairs = new PairBatch(batchSize, data.MaxSourceLength, data.MaxTargetSteps);
        var batch = new Seq2SeqBatch();
        double total = 0;
        int[][] batches = data.Batches(Split.Train, batchSize, random);
        foreach (int[] indices in batches)
        {
            data.Fill(Split.Train, indices, pairs);
            batch.CopyFrom(pairs);
            total += trainer.TrainOn(batch);
        }
        return total / batches.Length;
    }

    /// <summary>
    /// Decodes <paramref name="text"/> (greedy for beam width 1, else beam search; at most
    /// <paramref name="maxLength"/> output tokens, end token included). Returns the output text and
    /// the attention snapshot (rows: output tokens, end token included when written; columns: the
    /// source tokens as the encoder read them). With <paramref name="states"/> the snapshot also holds the
    /// encoder and decoder unrolled over the sample (<see cref="Seq2SeqDecoder.Unroll"/>: one more pass
    /// over its tokens; leave it off to translate many texts).
    /// </summary>
    /// <exception cref="ArgumentException">The text has no tokens, or an option is out of range.</exception>
    public static (string Output, AttentionSnapshot Attention) Translate(Seq2SeqModel model, PairDataset data, string text, int beam = 1,
        int maxLength = 0, float lengthPenalty = 0f, string target = "", long step = 0, bool states = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        int[] source = data.EncodeSource(text);
        if (source.Length == 0) throw new ArgumentException("the text to translate has no tokens");
        var options = new DecodingOptions(TokenVocabulary.Bos, TokenVocabulary.Eos, maxLength > 0 ? maxLength : data.MaxTargetSteps + 5, beam, lengthPenalty);
        Translation t = beam == 1 ? Seq2SeqDecoder.Greedy(model, source, source.Length, 1, options)[0] : Seq2SeqDecoder.Beam(model, source, options);
        string output = data.DecodeTarget(t.Tokens);
        var outputTokens = t.Tokens.Select(data.TargetVocabulary.TokenOf).ToList();
        if (t.Finished) outputTokens.Add(data.TargetVocabulary.TokenOf(TokenVocabulary.Eos));
        var sourceTokens = source.Select(data.SourceVocabulary.TokenOf).ToArray();
        var snapshot = new AttentionSnapshot(t.Attention, sourceTokens, outputTokens, text, output, target, step);
        if (states)
        {
            UnrolledStates u = Seq2SeqDecoder.Unroll(model, source, t.Finished ? [.. t.Tokens, TokenVocabulary.Eos] : t.Tokens, TokenVocabulary.Bos);
            snapshot = snapshot with
            {
                EncoderStates = u.Encoder,
                EncoderUnits = u.EncoderUnits,
                EncoderDirections = u.EncoderDirections,
                DecoderInitialState = u.InitialState,
                DecoderStates = u.Decoder,
                DecoderUnits = u.DecoderUnits,
            };
        }
        snapshot.Validated();
        return (output, snapshot);
    }
}
