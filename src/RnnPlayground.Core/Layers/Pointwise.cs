namespace RnnPlayground.Core.Layers;

/// <summary>Element-wise helpers shared by the layers.</summary>
internal static class Pointwise
{
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
}
