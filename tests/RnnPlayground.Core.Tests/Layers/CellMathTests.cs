using RnnPlayground.Core.Layers;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>
/// The fused, vectorized cell math against the textbook formulas in double, on sizes that exercise
/// every lane width and the single-float end (1…3, 4, 5, 16, 21, 37, 67), several rows, and output
/// rows wider than one direction (strides as in a bidirectional layer).
/// </summary>
public class CellMathTests
{
    private static readonly int[] Sizes = [1, 3, 4, 5, 16, 21, 37, 67];
    private const double Tolerance = 2e-6;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static float[] Random(RandomSource rng, int n, float scale = 2f)
    {
        var values = new float[n];
        rng.FillUniform(values, -scale, scale);
        return values;
    }

    private static void Near(double expected, float actual, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance * Math.Max(1, Math.Abs(expected))), what);

    [Test]
    public void LstmForwardMatchesTheFormulas([ValueSource(nameof(Sizes))] int h, [Values] bool withCellState)
    {
        const int rows = 3;
        int stride = h + 2;
        var rng = new RandomSource((ulong)h);
        float[] pre = Random(rng, rows * 4 * h, 4f), cPrev = withCellState ? Random(rng, rows * h) : [];
        float[] gates = (float[])pre.Clone(), c = new float[rows * h], tanhC = new float[rows * h], hOut = new float[rows * stride];
        LstmCellMath.Forward(rows, h, gates, cPrev, c, tanhC, hOut, stride);
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < h; j++)
            {
                int g = b * 4 * h + j;
                double i = Sigmoid(pre[g]), f = Sigmoid(pre[g + h]), gg = Math.Tanh(pre[g + 2 * h]), o = Sigmoid(pre[g + 3 * h]);
                double cv = i * gg + (withCellState ? f * cPrev[b * h + j] : 0);
                Near(i, gates[g], "i");
                Near(f, gates[g + h], "f");
                Near(gg, gates[g + 2 * h], "g");
                Near(o, gates[g + 3 * h], "o");
                Near(cv, c[b * h + j], "c");
                Near(Math.Tanh(cv), tanhC[b * h + j], "tanh c");
                Near(o * Math.Tanh(cv), hOut[b * stride + j], "h");
            }
        for (int b = 0; b < rows; b++)
            Assert.That(hOut.AsSpan(b * stride + h, stride - h).ToArray(), Is.All.Zero, "columns beyond the direction are left alone");
    }

    [Test]
    public void LstmBackwardMatchesTheFormulas([ValueSource(nameof(Sizes))] int h, [Values] bool withCellState)
    {
        const int rows = 2;
        int stride = 2 * h;
        var rng = new RandomSource(100 + (ulong)h);
        float[] gates = Random(rng, rows * 4 * h, 1f), tanhC = Random(rng, rows * h, 1f), cPrev = withCellState ? Random(rng, rows * h) : [];
        for (int k = 0; k < gates.Length; k++) gates[k] = MathF.Abs(gates[k]); // i, f, o in (0, 1); g in [0, 1)
        float[] dy = Random(rng, rows * stride), dh0 = Random(rng, rows * h), dc0 = Random(rng, rows * h);
        float[] dHidden = (float[])dh0.Clone(), dCell = (float[])dc0.Clone(), dGates = new float[rows * 4 * h];
        LstmCellMath.Backward(rows, h, gates, tanhC, cPrev, dy, stride, dHidden, dCell, dGates);
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < h; j++)
            {
                int g = b * 4 * h + j, s = b * h + j;
                double i = gates[g], f = gates[g + h], gg = gates[g + 2 * h], o = gates[g + 3 * h], tc = tanhC[s];
                double dh = dy[b * stride + j] + dh0[s];
                double dc = dc0[s] + dh * o * (1 - tc * tc);
                double cp = withCellState ? cPrev[s] : 0;
                Near(dh, dHidden[s], "dh");
                Near(dc * f, dCell[s], "dc_prev");
                Near(dc * gg * i * (1 - i), dGates[g], "di");
                Near(dc * cp * f * (1 - f), dGates[g + h], "df");
                Near(dc * i * (1 - gg * gg), dGates[g + 2 * h], "dg");
                Near(dh * tc * o * (1 - o), dGates[g + 3 * h], "do");
            }
    }

    [Test]
    public void GruForwardMatchesTheFormulas([ValueSource(nameof(Sizes))] int h, [Values] bool withState)
    {
        const int rows = 3;
        int stride = h + 1;
        var rng = new RandomSource(200 + (ulong)h);
        float[] input = Random(rng, rows * 3 * h), recurrent = Random(rng, rows * 3 * h), bhn = Random(rng, h, 1f);
        float[] hPrev = withState ? Random(rng, rows * stride) : [];
        float[] gates = (float[])input.Clone(), hn = new float[rows * h], hOut = new float[rows * stride];
        GruCellMath.Forward(rows, h, gates, recurrent, bhn, hPrev, stride, hn, hOut, stride);
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < h; j++)
            {
                int g = b * 3 * h + j;
                double r = Sigmoid(input[g] + recurrent[g]), z = Sigmoid(input[g + h] + recurrent[g + h]);
                double hnv = recurrent[g + 2 * h] + bhn[j];
                double n = Math.Tanh(input[g + 2 * h] + r * hnv);
                double hp = withState ? hPrev[b * stride + j] : 0;
                Near(r, gates[g], "r");
                Near(z, gates[g + h], "z");
                Near(n, gates[g + 2 * h], "n");
                Near(hnv, hn[b * h + j], "hn");
                Near((1 - z) * n + z * hp, hOut[b * stride + j], "h");
            }
    }

    [Test]
    public void GruBackwardMatchesTheFormulas([ValueSource(nameof(Sizes))] int h, [Values] bool withState)
    {
        const int rows = 2;
        var rng = new RandomSource(300 + (ulong)h);
        float[] gates = Random(rng, rows * 3 * h, 1f), hn = Random(rng, rows * h), hPrev = withState ? Random(rng, rows * h) : [];
        for (int k = 0; k < gates.Length; k++) gates[k] = MathF.Abs(gates[k]);
        float[] dy = Random(rng, rows * h), dh0 = Random(rng, rows * h);
        float[] dHidden = (float[])dh0.Clone(), dx = new float[rows * 3 * h], dRec = new float[rows * 3 * h];
        GruCellMath.Backward(rows, h, gates, hn, hPrev, h, dy, h, dHidden, dx, dRec);
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < h; j++)
            {
                int g = b * 3 * h + j, s = b * h + j;
                double r = gates[g], z = gates[g + h], n = gates[g + 2 * h];
                double dh = dy[s] + dh0[s], hp = withState ? hPrev[s] : 0;
                double dn = dh * (1 - z) * (1 - n * n), dr = dn * hn[s] * r * (1 - r), dz = dh * (hp - n) * z * (1 - z);
                Near(dr, dx[g], "dr");
                Near(dz, dx[g + h], "dz");
                Near(dn, dx[g + 2 * h], "dn");
                Near(dr, dRec[g], "dr (recurrent side)");
                Near(dz, dRec[g + h], "dz (recurrent side)");
                Near(dn * r, dRec[g + 2 * h], "r ⊙ dn (recurrent side)");
                Near(dh * z, dHidden[s], "dh ⊙ z");
            }
    }

    [Test]
    public void RnnForwardAndBackwardMatchTheFormulas([ValueSource(nameof(Sizes))] int h, [Values] bool tanh)
    {
        const int rows = 3;
        int stride = h + 3;
        var rng = new RandomSource(400 + (ulong)h);
        float[] pre = Random(rng, rows * h, 3f), hOut = new float[rows * stride];
        RnnCellMath.Forward(rows, h, pre, hOut, stride, tanh);
        float[] dy = Random(rng, rows * stride), dh0 = Random(rng, rows * h);
        float[] dHidden = (float[])dh0.Clone(), dPre = new float[rows * h];
        RnnCellMath.Backward(rows, h, hOut, stride, dy, stride, dHidden, dPre, tanh);
        for (int b = 0; b < rows; b++)
            for (int j = 0; j < h; j++)
            {
                double y = tanh ? Math.Tanh(pre[b * h + j]) : Math.Max(pre[b * h + j], 0);
                double dh = dy[b * stride + j] + dh0[b * h + j];
                Near(y, hOut[b * stride + j], "h");
                Near(dh, dHidden[b * h + j], "dh");
                Near(tanh ? dh * (1 - hOut[b * stride + j] * (double)hOut[b * stride + j]) : (y > 0 ? dh : 0), dPre[b * h + j], "dpre");
            }
    }

    [Test]
    public void TheRnnBackwardFlushesVanishingGradientsToZeroAndKeepsTheRest([Values] bool tanh)
    {
        // 17 units: the 16-lane body and the single-float end. h = 0.5 where the ReLU passes.
        const int h = 17;
        float[] hOut = new float[h], dy = new float[h], dHidden = new float[h], dPre = new float[h];
        Array.Fill(hOut, 0.5f);
        for (int j = 0; j < h; j++)
            dHidden[j] = (j % 4) switch { 0 => 3e-39f, 1 => -5e-31f, 2 => 2e-30f, _ => -0.25f };
        dHidden[h - 1] = float.NaN;
        RnnCellMath.Backward(1, h, hOut, h, dy, h, dHidden, dPre, tanh);
        float slope = tanh ? 0.75f : 1f;
        for (int j = 0; j < h - 1; j++)
        {
            float expected = (j % 4) switch { 0 or 1 => 0f, 2 => 2e-30f, _ => -0.25f };
            Assert.That(dHidden[j], Is.EqualTo(expected), $"dh[{j}]");
            Assert.That(dPre[j], Is.EqualTo(expected * slope).Within(1e-6 * Math.Abs(expected)), $"dpre[{j}]");
        }
        Assert.That(float.IsNaN(dHidden[h - 1]) && float.IsNaN(dPre[h - 1]), Is.True, "NaN passes through");
    }

    [Test]
    public void NaNPassesThroughTheActivations()
    {
        float[] pre = [float.NaN, 1f, float.NaN, -1f, 0f], h = new float[5];
        RnnCellMath.Forward(1, 5, pre, h, 5, tanh: false);
        Assert.That(float.IsNaN(h[0]) && float.IsNaN(h[2]), Is.True, "ReLU keeps NaN");
        RnnCellMath.Forward(1, 5, pre, h, 5, tanh: true);
        Assert.That(float.IsNaN(h[0]) && float.IsNaN(h[2]), Is.True, "tanh keeps NaN");
        Assert.That(h[1], Is.EqualTo(MathF.Tanh(1f)).Within(1e-6));
    }
}
