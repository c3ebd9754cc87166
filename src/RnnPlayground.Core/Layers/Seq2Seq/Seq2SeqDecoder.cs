namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// Decoding with a trained <see cref="Seq2SeqModel"/>: greedy (many sources side by side), beam
/// search (one source, <see cref="DecodingOptions.BeamWidth"/> hypotheses, length normalization) and
/// the log-probability of a given output. Each call allocates its results and small working arrays;
/// the model's own buffers are reused.
/// </summary>
public static class Seq2SeqDecoder
{
    /// <summary>
    /// Greedy decoding of B sources of S tokens each (time-major [S·B]): at every step each source takes
    /// its most probable token, until the end token or <see cref="DecodingOptions.MaxLength"/>.
    /// </summary>
    public static Translation[] Greedy(Seq2SeqModel model, int[] sources, int steps, int batch, DecodingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model.Spec.TargetVocabulary);
        int v = model.Spec.TargetVocabulary, hd = model.Spec.DecoderHidden, maxLength = options.MaxLength;
        model.BeginDecoding(sources, steps, batch, maxLength, batch);
        float[] state = model.InitialState.ToArray(), logp = new float[batch * v];
        int[] previous = new int[batch];
        Array.Fill(previous, options.StartToken);
        var tokens = new List<int>[batch];
        var attention = new List<float>[batch];
        double[] logProbability = new double[batch];
        bool[] done = new bool[batch];
        for (int b = 0; b < batch; b++) (tokens[b], attention[b]) = ([], []);
        int remaining = batch;
        for (int step = 0; step < maxLength && remaining > 0; step++)
        {
            model.DecodeStep(step, previous, state, logp);
            ReadOnlySpan<float> alpha = model.DecodedAttention(step);
            for (int b = 0; b < batch; b++)
            {
                int best = ArgMax(logp.AsSpan(b * v, v));
                previous[b] = best;
                model.DecodedStates.Slice(b * model.DecodedStateStride, hd).CopyTo(state.AsSpan(b * hd, hd));
                if (done[b]) continue;
                logProbability[b] += logp[b * v + best];
                AddAttention(attention[b], alpha, b, steps);
                if (best == options.EndToken)
                {
                    done[b] = true;
                    remaining--;
                    continue;
                }
                tokens[b].Add(best);
            }
        }
        var results = new Translation[batch];
        for (int b = 0; b < batch; b++)
        {
            int length = tokens[b].Count + (done[b] ? 1 : 0);
            results[b] = new Translation([.. tokens[b]], [.. attention[b]], steps, logProbability[b],
                options.Normalized(logProbability[b], length), done[b]);
        }
        return results;
    }

    /// <summary>
    /// Beam search over one source: keeps the <see cref="DecodingOptions.BeamWidth"/> most probable
    /// unfinished hypotheses; one that emits the end token is set aside with its normalized score; the
    /// search stops when as many are set aside as the width, or at the maximum length (the unfinished
    /// ones then join them). Returns the best by normalized score.
    /// </summary>
    public static Translation Beam(Seq2SeqModel model, int[] source, DecodingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model.Spec.TargetVocabulary);
        int k = options.BeamWidth, v = model.Spec.TargetVocabulary, hd = model.Spec.DecoderHidden, maxLength = options.MaxLength, s = source.Length;
        model.BeginDecoding(source, s, 1, maxLength, k);
        float[] state = new float[k * hd], logp = new float[k * v];
        for (int r = 0; r < k; r++) model.InitialState.CopyTo(state.AsSpan(r * hd, hd));
        int[] previous = new int[k], order = new int[k];
        Array.Fill(previous, options.StartToken);
        var live = new List<Hypothesis> { new([], [], 0) };
        var finished = new List<Translation>();
        var candidates = new List<(double Score, int Row, int Token)>(k * v);
        for (int step = 0; step < maxLength && live.Count > 0 && finished.Count < k; step++)
        {
            model.DecodeStep(step, previous, state, logp);
            ReadOnlySpan<float> alpha = model.DecodedAttention(step);
            candidates.Clear();
            for (int r = 0; r < live.Count; r++)
                for (int token = 0; token < v; token++) candidates.Add((live[r].LogProbability + logp[r * v + token], r, token));
            candidates.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Token.CompareTo(b.Token));
            var next = new List<Hypothesis>(k);
            foreach ((double score, int row, int token) in candidates)
            {
                if (next.Count == k) break;
                Hypothesis parent = live[row];
                var attention = new List<float>(parent.Attention);
                AddAttention(attention, alpha, row, s);
                if (token == options.EndToken)
                {
                    if (finished.Count < k)
                        finished.Add(new Translation([.. parent.Tokens], [.. attention], s, score, options.Normalized(score, parent.Tokens.Count + 1), true));
                    continue;
                }
                order[next.Count] = row;
                next.Add(new Hypothesis([.. parent.Tokens, token], attention, score));
            }
            // Row r of the next step continues row order[r]: its state, cell state and last token.
            float[] reordered = new float[k * hd];
            for (int r = 0; r < k; r++)
            {
                int from = r < next.Count ? order[r] : order[0];
                if (r >= next.Count) order[r] = from;
                model.DecodedStates.Slice(from * model.DecodedStateStride, hd).CopyTo(reordered.AsSpan(r * hd, hd));
                previous[r] = r < next.Count ? next[r].Tokens[^1] : options.EndToken;
            }
            if (next.Count > 0) model.ReorderRows(step, order);
            state = reordered;
            live = next;
        }
        foreach (Hypothesis h in live)
            if (h.Tokens.Count == maxLength)
                finished.Add(new Translation([.. h.Tokens], [.. h.Attention], s, h.LogProbability, options.Normalized(h.LogProbability, h.Tokens.Count), false));
        Translation best = finished[0];
        foreach (Translation t in finished)
            if (t.Score > best.Score) best = t;
        return best;
    }

    /// <summary>log P(tokens | source) under the model, each step fed the previous given token (the end token is not added).</summary>
    public static double LogProbability(Seq2SeqModel model, int[] source, ReadOnlySpan<int> tokens, int startToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        return tokens.IsEmpty ? 0 : Follow(model, source, tokens, startToken, default);
    }

    /// <summary>
    /// The model unrolled over one source along given output tokens (each step fed the previous given
    /// token, as <see cref="LogProbability"/>): the encoder's top-layer states [S, D·H], the decoder's
    /// s_0 [Hd] and its state after each token [T, Hd]. Decoding a translation's tokens (end token
    /// included when it wrote one) again reproduces the states it was decoded with.
    /// </summary>
    /// <exception cref="ArgumentException">No tokens, or a token is out of range.</exception>
    public static UnrolledStates Unroll(Seq2SeqModel model, int[] source, ReadOnlySpan<int> tokens, int startToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        if (tokens.IsEmpty) throw new ArgumentException("seq2seq: unrolling needs at least one output token");
        int hd = model.Spec.DecoderHidden;
        float[] decoder = new float[tokens.Length * hd];
        Follow(model, source, tokens, startToken, decoder);
        return new UnrolledStates(model.EncodedStates.ToArray(), model.Encoder.HiddenSize, model.Encoder.Directions, model.InitialState.ToArray(), decoder, hd);
    }

    /// <summary>Feeds one source's decoder the given tokens; returns their log-probability and, when <paramref name="states"/> is not empty, writes s_t [T, Hd] into it.</summary>
    private static double Follow(Seq2SeqModel model, int[] source, ReadOnlySpan<int> tokens, int startToken, Span<float> states)
    {
        int v = model.Spec.TargetVocabulary, hd = model.Spec.DecoderHidden;
        model.BeginDecoding(source, source.Length, 1, tokens.Length, 1);
        float[] state = model.InitialState.ToArray(), logp = new float[v];
        int[] previous = [startToken];
        double total = 0;
        for (int step = 0; step < tokens.Length; step++)
        {
            if ((uint)tokens[step] >= (uint)v) throw new ArgumentException($"seq2seq: token {tokens[step]} must be in [0, {v})");
            model.DecodeStep(step, previous, state, logp);
            total += logp[tokens[step]];
            previous[0] = tokens[step];
            model.DecodedStates[..hd].CopyTo(state);
            if (!states.IsEmpty) state.CopyTo(states.Slice(step * hd, hd));
        }
        return total;
    }

    private static void AddAttention(List<float> into, ReadOnlySpan<float> alpha, int row, int steps)
    {
        if (alpha.IsEmpty) return;
        foreach (float a in alpha.Slice(row * steps, steps)) into.Add(a);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>An unfinished hypothesis: its tokens, the attention rows of its steps, its log-probability.</summary>
    private sealed record Hypothesis(List<int> Tokens, List<float> Attention, double LogProbability);
}
