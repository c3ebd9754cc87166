namespace RnnPlayground.Core.Data;

/// <summary>Picks the next character id from a model's logits.</summary>
public static class CharSampler
{
    /// <summary>
    /// Draws an id from softmax(<paramref name="logits"/> / <paramref name="temperature"/>) with one
    /// uniform number from <paramref name="random"/>. Computed in double after subtracting the
    /// largest logit, so tiny temperatures stay finite and approach arg-max (equal maxima share the
    /// probability).
    /// </summary>
    /// <param name="logits">[V] unnormalized scores, finite.</param>
    /// <param name="temperature">&gt; 0; 1 = the model's distribution, smaller = greedier, larger = flatter.</param>
    /// <param name="random">The run's random source.</param>
    public static int Sample(ReadOnlySpan<float> logits, double temperature, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        float max = CheckedMax(logits, temperature);
        double total = 0;
        for (int i = 0; i < logits.Length; i++) total += Weight(logits[i], max, temperature);
        double u = random.NextDouble() * total;   // total ≥ 1: the maximum has weight exp(0)
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double w = Weight(logits[i], max, temperature);
            if (w == 0) continue;
            cumulative += w;
            last = i;
            if (u < cumulative) return i;
        }
        return last;   // u reached the total through rounding
    }

    /// <summary>The probabilities <see cref="Sample"/> draws from, written into <paramref name="probabilities"/> [V].</summary>
    public static void Probabilities(ReadOnlySpan<float> logits, double temperature, Span<float> probabilities)
    {
        float max = CheckedMax(logits, temperature);
        if (probabilities.Length != logits.Length) throw new ArgumentException($"needs {logits.Length} entries, got {probabilities.Length}", nameof(probabilities));
        double total = 0;
        for (int i = 0; i < logits.Length; i++) total += Weight(logits[i], max, temperature);
        for (int i = 0; i < logits.Length; i++) probabilities[i] = (float)(Weight(logits[i], max, temperature) / total);
    }

    private static double Weight(float logit, float max, double temperature) => Math.Exp((logit - (double)max) / temperature);

    private static float CheckedMax(ReadOnlySpan<float> logits, double temperature)
    {
        if (logits.IsEmpty) throw new ArgumentException("no logits", nameof(logits));
        if (!(temperature > 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be finite and > 0");
        float max = float.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++)
        {
            if (!float.IsFinite(logits[i])) throw new ArgumentException($"logit {i} is {logits[i]}, not finite", nameof(logits));
            if (logits[i] > max) max = logits[i];
        }
        return max;
    }
}
