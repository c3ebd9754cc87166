namespace RnnPlayground.Core.Layers;

/// <summary>Element-wise helpers shared by the layers.</summary>
internal static class Pointwise
{
    /// <summary>sums[j] += Σ_r m[r, j] for a row-major m of rows × cols.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> m, int rows, int cols, Span<float> sums)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = m.Slice(r * cols, cols);
            for (int j = 0; j < cols; j++) sums[j] += row[j];
        }
    }

    /// <summary>y[r] += Σ_c W[r, c]·x[c] for a row-major W of y.Length × x.Length.</summary>
    public static void AddMatrixVector(ReadOnlySpan<float> w, ReadOnlySpan<float> x, Span<float> y)
    {
        int cols = x.Length;
        for (int r = 0; r < y.Length; r++)
        {
            ReadOnlySpan<float> row = w.Slice(r * cols, cols);
            float sum = 0f;
            for (int c = 0; c < cols; c++) sum += row[c] * x[c];
            y[r] += sum;
        }
    }

    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
