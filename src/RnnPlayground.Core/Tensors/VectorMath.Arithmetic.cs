using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnPlayground.Core.Tensors;

// Span arithmetic and reductions for training: add, multiply, scale, clamp, sums (in double),
// column sums of a matrix and a matrix-vector product.
public static unsafe partial class VectorMath
{
    /// <summary>destination[i] = x[i] + y[i].</summary>
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        TensorPrimitives.Add(x, y, destination);
    }

    /// <summary>destination[i] = x[i] · y[i].</summary>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        TensorPrimitives.Multiply(x, y, destination);
    }

    /// <summary>destination[i] = x[i] · y[i] + addend[i] (e.g. a gradient accumulated in place: destination = addend).</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination)
    {
        CheckSameLength(x.Length, y.Length, nameof(y));
        CheckSameLength(x.Length, addend.Length, nameof(addend));
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        TensorPrimitives.MultiplyAdd(x, y, addend, destination);
    }

    /// <summary>destination[i] = x[i] · factor.</summary>
    public static void Scale(ReadOnlySpan<float> x, float factor, Span<float> destination)
    {
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        TensorPrimitives.Multiply(x, factor, destination);
    }

    /// <summary>x[i] *= factor.</summary>
    public static void Scale(Span<float> x, float factor) => TensorPrimitives.Multiply(x, factor, x);

    /// <summary>destination[i] = x[i] limited to [<paramref name="min"/>, <paramref name="max"/>] (NaN stays NaN).</summary>
    public static void Clamp(ReadOnlySpan<float> x, float min, float max, Span<float> destination)
    {
        if (!(min <= max)) throw new ArgumentOutOfRangeException(nameof(max), max, $"must be ≥ min ({min})");
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        TensorPrimitives.Clamp(x, min, max, destination);
    }

    /// <summary>x[i] limited to [<paramref name="min"/>, <paramref name="max"/>] in place (NaN stays NaN).</summary>
    public static void Clamp(Span<float> x, float min, float max) => Clamp(x, min, max, x);

    /// <summary>Σ x[i], accumulated in double.</summary>
    public static double Sum(ReadOnlySpan<float> x) => Reduce<SumTerm>(x);

    /// <summary>Σ x[i]², accumulated in double (squared norms for gradient clipping).</summary>
    public static double SumOfSquares(ReadOnlySpan<float> x) => Reduce<SquareTerm>(x);

    /// <summary>
    /// sums[j] += Σ_r matrix[r·ld + j] over a row-major matrix[rows×columns] with leading dimension
    /// <paramref name="ld"/> ≥ columns: the bias gradient db += Σ over the batch (and time) of dG.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddColumnSums(int rows, int columns, ReadOnlySpan<float> matrix, int ld, Span<float> sums)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (ld < Math.Max(1, columns)) throw new ArgumentOutOfRangeException(nameof(ld), ld, $"must be ≥ {Math.Max(1, columns)}");
        if (rows > 0 && columns > 0 && matrix.Length < (long)(rows - 1) * ld + columns)
            throw new ArgumentException($"matrix holds {matrix.Length} values, too few for {rows}×{columns} with ld {ld}", nameof(matrix));
        CheckSameLength(columns, sums.Length, nameof(sums));
        if (rows == 0 || columns == 0) return;
        // Column blocks summed down all rows in registers: the same additions, in the same order
        // per column, as adding row after row into the sums; a large matrix's columns are shared
        // by the compute threads, with the same bits.
        fixed (float* m = matrix, target = sums)
            ParallelRanges.Run(columns, 64, rows, new ColumnSums(m, ld, rows, target));
    }

    /// <summary>Columns start…end−1 of <see cref="AddColumnSums(int, int, ReadOnlySpan{float}, int, Span{float})"/>.</summary>
    private readonly struct ColumnSums(float* matrix, nint ld, int rows, float* sums) : IRangeBody
    {
        public void Invoke(int start, int end)
        {
            float* m = matrix + start, target = sums + start;
            nint columns = end - start, j = 0;
            if (Vector512.IsHardwareAccelerated) j = AddColumnSums<Vector512<float>, FloatLanes512>(m, ld, rows, target, columns, j);
            else if (Vector256.IsHardwareAccelerated) j = AddColumnSums<Vector256<float>, FloatLanes256>(m, ld, rows, target, columns, j);
            j = AddColumnSums<Vector128<float>, FloatLanes128>(m, ld, rows, target, columns, j);
            AddColumnSums<float, FloatLanes1>(m, ld, rows, target, columns, j);
        }
    }

    /// <summary>Columns j… of <see cref="AddColumnSums(int, int, ReadOnlySpan{float}, int, Span{float})"/> in whole vectors; returns where it stopped.</summary>
    private static nint AddColumnSums<TVector, TLanes>(float* matrix, nint ld, int rows, float* sums, nint columns, nint j)
        where TVector : struct where TLanes : IFloatLanes<TVector>
    {
        int w = TLanes.Count;
        for (; j + 4 * w <= columns; j += 4 * w)
        {
            TVector s0 = TLanes.Load(sums + j), s1 = TLanes.Load(sums + j + w), s2 = TLanes.Load(sums + j + 2 * w), s3 = TLanes.Load(sums + j + 3 * w);
            float* row = matrix + j;
            for (int r = 0; r < rows; r++, row += ld)
            {
                s0 = TLanes.Add(s0, TLanes.Load(row));
                s1 = TLanes.Add(s1, TLanes.Load(row + w));
                s2 = TLanes.Add(s2, TLanes.Load(row + 2 * w));
                s3 = TLanes.Add(s3, TLanes.Load(row + 3 * w));
            }
            TLanes.Store(s0, sums + j);
            TLanes.Store(s1, sums + j + w);
            TLanes.Store(s2, sums + j + 2 * w);
            TLanes.Store(s3, sums + j + 3 * w);
        }
        for (; j + w <= columns; j += w)
        {
            TVector s0 = TLanes.Load(sums + j);
            float* row = matrix + j;
            for (int r = 0; r < rows; r++, row += ld) s0 = TLanes.Add(s0, TLanes.Load(row));
            TLanes.Store(s0, sums + j);
        }
        return j;
    }

    /// <summary>
    /// y[r] += Σ_c W[r·ldw + c]·x[c] for a row-major W [y.Length × x.Length] with leading dimension
    /// <paramref name="ldw"/> ≥ x.Length: a matrix-vector product for one sample (streaming
    /// inference), each row a vectorized dot product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddMatrixVector(ReadOnlySpan<float> w, int ldw, ReadOnlySpan<float> x, Span<float> y)
    {
        int rows = y.Length, columns = x.Length;
        if (ldw < Math.Max(1, columns)) throw new ArgumentOutOfRangeException(nameof(ldw), ldw, $"must be ≥ {Math.Max(1, columns)}");
        if (rows > 0 && columns > 0 && w.Length < (long)(rows - 1) * ldw + columns)
            throw new ArgumentException($"w holds {w.Length} values, too few for {rows}×{columns} with ldw {ldw}", nameof(w));
        if (columns == 0) return;
        fixed (float* pw = w, px = x, py = y)
        {
            float* row = pw;
            for (int r = 0; r < rows; r++, row += ldw) py[r] += Dot(row, px, columns);
        }
    }

    /// <summary>Σ a[c]·b[c] over <paramref name="length"/> floats: widest vectors first, then narrower ones, then single floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* a, float* b, nint length)
    {
        nint c = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && length >= 16)
        {
            Vector512<float> acc = Vector512.Load(a) * Vector512.Load(b);
            for (c = 16; c + 16 <= length; c += 16) acc = Vector512.MultiplyAddEstimate(Vector512.Load(a + c), Vector512.Load(b + c), acc);
            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            Vector256<float> acc = Vector256.Load(a) * Vector256.Load(b);
            for (c = 8; c + 8 <= length; c += 8) acc = Vector256.MultiplyAddEstimate(Vector256.Load(a + c), Vector256.Load(b + c), acc);
            sum = Vector256.Sum(acc);
        }
        if (c + 4 <= length)
        {
            Vector128<float> acc = Vector128.Load(a + c) * Vector128.Load(b + c);
            for (c += 4; c + 4 <= length; c += 4) acc = Vector128.MultiplyAddEstimate(Vector128.Load(a + c), Vector128.Load(b + c), acc);
            sum += Vector128.Sum(acc);
        }
        for (; c < length; c++) sum = float.MultiplyAddEstimate(a[c], b[c], sum);
        return sum;
    }

    /// <summary>The term one element adds to a double-precision sum.</summary>
    private interface ISumTerm
    {
        static abstract Vector<double> Term(Vector<double> x);
        static abstract double Term(double x);
    }

    private readonly struct SumTerm : ISumTerm
    {
        public static Vector<double> Term(Vector<double> x) => x;
        public static double Term(double x) => x;
    }

    private readonly struct SquareTerm : ISumTerm
    {
        public static Vector<double> Term(Vector<double> x) => x * x;
        public static double Term(double x) => x * x;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Reduce<TTerm>(ReadOnlySpan<float> x) where TTerm : ISumTerm
    {
        int width = Vector<float>.Count, i = 0;
        double total = 0;
        fixed (float* source = x)
        {
            if (Vector.IsHardwareAccelerated)
            {
                Vector<double> sum0 = Vector<double>.Zero, sum1 = Vector<double>.Zero;
                Vector<double> sum2 = Vector<double>.Zero, sum3 = Vector<double>.Zero;
                for (; i + 2 * width <= x.Length; i += 2 * width)
                {
                    Vector.Widen(Vector.Load(source + i), out Vector<double> low0, out Vector<double> high0);
                    Vector.Widen(Vector.Load(source + i + width), out Vector<double> low1, out Vector<double> high1);
                    sum0 += TTerm.Term(low0);
                    sum1 += TTerm.Term(high0);
                    sum2 += TTerm.Term(low1);
                    sum3 += TTerm.Term(high1);
                }
                for (; i + width <= x.Length; i += width)
                {
                    Vector.Widen(Vector.Load(source + i), out Vector<double> low, out Vector<double> high);
                    sum0 += TTerm.Term(low);
                    sum1 += TTerm.Term(high);
                }
                total = Vector.Sum((sum0 + sum1) + (sum2 + sum3));
            }
            for (; i < x.Length; i++) total += TTerm.Term(source[i]);
        }
        return total;
    }
}
