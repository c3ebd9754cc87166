namespace RnnPlayground.Core.Tests;

/// <summary>Central finite differences in float32 against an analytic gradient.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// For up to <paramref name="samples"/> entries of <paramref name="values"/> (all when fewer),
    /// compares <paramref name="analytic"/> with (loss(v+ε) − loss(v−ε)) / 2ε.
    /// </summary>
    public static void Check(string what, float[] values, ReadOnlySpan<float> analytic, Func<double> loss,
        int samples = 40, float epsilon = 1e-2f, double relative = 2e-2, double absolute = 2e-3, int seed = 7)
    {
        Assert.That(analytic.Length, Is.EqualTo(values.Length), $"{what}: gradient length");
        CheckRange(what, values, analytic, loss, 0, values.Length, samples, epsilon, relative, absolute, seed);
    }

    /// <summary>
    /// As <see cref="Check"/> for the entries [offset, offset + length) of <paramref name="values"/>
    /// (one parameter inside a store's buffer), <paramref name="analytic"/> laid out like the whole buffer.
    /// </summary>
    public static void CheckRange(string what, float[] values, ReadOnlySpan<float> analytic, Func<double> loss, int offset, int length,
        int samples = 40, float epsilon = 1e-2f, double relative = 2e-2, double absolute = 2e-3, int seed = 7)
    {
        var rng = new Random(seed);
        int[] indices = length <= samples ? Enumerable.Range(offset, length).ToArray()
            : Enumerable.Range(0, samples).Select(_ => offset + rng.Next(length)).ToArray();
        foreach (int i in indices)
        {
            float original = values[i];
            values[i] = original + epsilon;
            double plus = loss();
            values[i] = original - epsilon;
            double minus = loss();
            values[i] = original;
            double numeric = (plus - minus) / (2 * epsilon);
            double diff = Math.Abs(numeric - analytic[i]);
            double tol = Math.Max(relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])), absolute);
            if (!(diff <= tol))
                Assert.Fail($"{what}[{i - offset}]: analytic {analytic[i]:G6}, numeric {numeric:G6} (diff {diff:E2} > {tol:E2})");
        }
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }

    public static float[] Random(RandomSource rng, int n, float scale = 1f)
    {
        var a = new float[n];
        rng.FillUniform(a, -scale, scale);
        return a;
    }
}
