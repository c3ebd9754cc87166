using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

/// <summary>
/// Products only a few columns wide (dW [G·H × in] of a layer with few inputs), which the SGEMM
/// computes transposed: the same values as the reference for every transpose, with and without
/// accumulation, on one thread and on several, and nothing written beyond the n columns.
/// </summary>
public class SgemmNarrowProductTests
{
    [Test]
    public void NarrowProductsMatchTheReference([Values(1, 3, 4, 8)] int n, [Values(16, 448, 600)] int k,
        [Values] bool transposeA, [Values] bool transposeB, [Values] bool accumulate)
    {
        foreach (int m in new[] { 128, 301 })
        {
            var random = new Random(m * 1000 + n * 10 + k);
            int lda = (transposeA ? m : k) + 2, ldb = (transposeB ? k : n) + 1, ldc = n + 3;
            float[] a = Fill(random, (transposeA ? k : m) * lda), b = Fill(random, (transposeB ? n : k) * ldb), c0 = Fill(random, m * ldc);
            var expected = new float[m * ldc];
            SgemmReference.Multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, expected, ldc);
            foreach (int threads in new[] { 1, 2 })
            {
                float[] c = (float[])c0.Clone();
                Sgemm.Multiply(SgemmKernel.Best, threads, transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double want = expected[i * ldc + j] + (accumulate ? c0[i * ldc + j] : 0);
                        Assert.That(c[i * ldc + j], Is.EqualTo(want).Within(2e-5 * Math.Sqrt(k)), $"C[{i},{j}] m={m} threads={threads}");
                    }
                    for (int j = n; j < ldc; j++) Assert.That(c[i * ldc + j], Is.EqualTo(c0[i * ldc + j]), "padding untouched");
                }
            }
        }
    }

    private static float[] Fill(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
