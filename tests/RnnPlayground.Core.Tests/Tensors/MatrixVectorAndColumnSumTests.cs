using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

/// <summary>The one-sample matrix-vector product and the bias-gradient column sums on sizes that use every lane width.</summary>
public class MatrixVectorAndColumnSumTests
{
    [Test]
    public void MatrixVectorProductsAddTheRowDotProducts([Values(1, 3, 4, 7, 8, 16, 19, 32, 45, 67)] int columns)
    {
        const int rows = 11;
        int ld = columns + 5;
        var rng = new RandomSource((ulong)columns);
        float[] w = GradientCheck.Random(rng, (rows - 1) * ld + columns), x = GradientCheck.Random(rng, columns), y = GradientCheck.Random(rng, rows);
        float[] before = (float[])y.Clone();
        VectorMath.AddMatrixVector(w, ld, x, y);
        for (int r = 0; r < rows; r++)
        {
            double expected = before[r];
            for (int c = 0; c < columns; c++) expected += (double)w[r * ld + c] * x[c];
            Assert.That(y[r], Is.EqualTo(expected).Within(1e-5 * Math.Max(1, Math.Abs(expected))), $"row {r}");
        }
    }

    [Test]
    public void MatrixVectorArgumentsAreChecked()
    {
        float[] six = new float[6], two = new float[2], three = new float[3];
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.AddMatrixVector(six, 2, three, two))!.ParamName, Is.EqualTo("ldw"));
            Assert.That(Assert.Throws<ArgumentException>(() => VectorMath.AddMatrixVector(six, 4, three, two))!.ParamName, Is.EqualTo("w"));
        });
        VectorMath.AddMatrixVector(six, 3, three, two);
        Assert.That(two, Is.All.Zero);
    }

    [Test]
    public void ColumnSumsOfWideMatricesEqualRowByRowAddition([Values(1, 5, 63, 64, 65, 130)] int columns)
    {
        const int rows = 9;
        int ld = columns + 3;
        var rng = new RandomSource(7 + (ulong)columns);
        float[] matrix = GradientCheck.Random(rng, rows * ld), sums = GradientCheck.Random(rng, columns);
        float[] expected = (float[])sums.Clone();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns; j++) expected[j] += matrix[r * ld + j];
        VectorMath.AddColumnSums(rows, columns, matrix, ld, sums);
        Assert.That(sums, Is.EqualTo(expected), "the same additions in the same order per column");
    }
}
