using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

/// <summary>
/// Small reference models for checking that a dataset carries signal: logistic regression (full-batch
/// gradient descent from zero weights, so deterministic) and ridge regression (normal equations),
/// both on windows flattened to one vector of L·F features.
/// </summary>
internal static class LinearModels
{
    /// <summary>Flattened inputs [n, L·F], classes [n] and values [n, V] of a whole split.</summary>
    public static (double[][] X, int[] Classes, float[][] Values) Flatten(ISequenceDataset data, Split split)
    {
        int n = data.Count(split), l = data.Shape.SequenceLength, f = data.Shape.InputFeatures, v = data.Shape.NumValues;
        var batch = new Batch(data.Shape, 1);
        var x = new double[n][];
        var classes = new int[n];
        var values = new float[n][];
        Span<int> index = stackalloc int[1];
        for (int i = 0; i < n; i++)
        {
            index[0] = i;
            data.Fill(split, index, batch);
            x[i] = batch.Inputs.Take(l * f).Select(a => (double)a).ToArray();
            if (data.Shape.NumClasses > 0) classes[i] = batch.Classes[0];
            values[i] = batch.Values.Take(v).ToArray();
        }
        return (x, classes, values);
    }

    /// <summary>Binary logistic regression (class 1 vs the rest), L2 penalty <paramref name="l2"/>; returns weights with the bias last.</summary>
    public static double[] FitLogistic(double[][] x, int[] y, double l2 = 1e-3, int iterations = 400, double learningRate = 0.5)
    {
        int n = x.Length, d = x[0].Length;
        var w = new double[d + 1];
        var grad = new double[d + 1];
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(grad);
            for (int i = 0; i < n; i++)
            {
                double err = Sigmoid(Dot(w, x[i])) - (y[i] == 1 ? 1 : 0);
                for (int j = 0; j < d; j++) grad[j] += err * x[i][j];
                grad[d] += err;
            }
            for (int j = 0; j <= d; j++) w[j] -= learningRate * (grad[j] / n + (j < d ? l2 * w[j] : 0));
        }
        return w;
    }

    public static double LogisticAccuracy(double[] w, double[][] x, int[] y)
    {
        int correct = 0;
        for (int i = 0; i < x.Length; i++) if ((Dot(w, x[i]) > 0 ? 1 : 0) == (y[i] == 1 ? 1 : 0)) correct++;
        return (double)correct / x.Length;
    }

    /// <summary>Ridge regression of <paramref name="y"/> on <paramref name="x"/>; weights with the bias last.</summary>
    public static double[] FitRidge(double[][] x, double[] y, double l2 = 1e-2)
    {
        int n = x.Length, d = x[0].Length + 1;
        var a = new double[d, d + 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double xj = j < d - 1 ? x[i][j] : 1;
                for (int k = 0; k < d; k++) a[j, k] += xj * (k < d - 1 ? x[i][k] : 1);
                a[j, d] += xj * y[i];
            }
        }
        for (int j = 0; j < d - 1; j++) a[j, j] += l2 * n;
        // Gauss–Jordan with partial pivoting.
        for (int col = 0; col < d; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < d; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int k = 0; k <= d; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            for (int r = 0; r < d; r++)
            {
                if (r == col) continue;
                double factor = a[r, col] / a[col, col];
                for (int k = col; k <= d; k++) a[r, k] -= factor * a[col, k];
            }
        }
        var w = new double[d];
        for (int j = 0; j < d; j++) w[j] = a[j, d] / a[j, j];
        return w;
    }

    public static double Dot(double[] w, double[] x)
    {
        double s = w[^1];
        for (int j = 0; j < x.Length; j++) s += w[j] * x[j];
        return s;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
