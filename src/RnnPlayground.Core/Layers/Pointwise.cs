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

    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
