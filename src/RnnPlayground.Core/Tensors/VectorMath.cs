using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnPlayground.Core.Tensors;

/// <summary>
/// Element-wise float math for the layers: exp, logistic sigmoid and tanh over spans (in place or
/// into a destination) and over single <see cref="Vector512{T}"/>/<see cref="Vector256{T}"/>/
/// <see cref="Vector128{T}"/> values for fused loops; plus the span arithmetic and reductions that
/// training needs. Exp, Sigmoid and Tanh are within 2·10⁻⁷ relative error of the exact value
/// wherever the result is a normal float; they saturate exactly (exp overflows to +∞ above
/// ≈88.72 and underflows through subnormals to 0 below ≈−103.9; sigmoid(±100) = 1 / 0;
/// tanh(±10) = ±1) and let NaN through.
/// </summary>
/// <remarks>
/// Span overloads process min-length-checked spans: every input and the destination must have the
/// same length; a destination may be the very same span as an input (in place), but must not
/// overlap one partially.
/// </remarks>
public static unsafe class VectorMath
{
    // Cephes expf: exp(x) = 2ⁿ·exp(r), n = round(x·log₂e), r = x − n·ln2 in two parts.
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float RoundingShift = 12582912f; // 1.5·2²³: adding it rounds to an integer
    private const float ExpInputMax = 89f;          // exp(89) overflows to +∞
    private const float ExpInputMin = -104f;        // exp(−104) underflows to 0
    private const float TanhPolynomialLimit = 0.625f;

    /// <summary>e^x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => Exp<Vector512<float>, FloatLanes512>(x);

    /// <summary>e^x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => Exp<Vector256<float>, FloatLanes256>(x);

    /// <summary>e^x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x) => Exp<Vector128<float>, FloatLanes128>(x);

    /// <summary>1 / (1 + e^−x) in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Sigmoid<Vector512<float>, FloatLanes512>(x);

    /// <summary>1 / (1 + e^−x) in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Sigmoid<Vector256<float>, FloatLanes256>(x);

    /// <summary>1 / (1 + e^−x) in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Sigmoid<Vector128<float>, FloatLanes128>(x);

    /// <summary>tanh x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => Tanh<Vector512<float>, FloatLanes512>(x);

    /// <summary>tanh x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => Tanh<Vector256<float>, FloatLanes256>(x);

    /// <summary>tanh x in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x) => Tanh<Vector128<float>, FloatLanes128>(x);

    /// <summary>e^x of one value, by the same method as the vector forms.</summary>
    public static float Exp(float x) => Exp(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary>1 / (1 + e^−x) of one value, by the same method as the vector forms.</summary>
    public static float Sigmoid(float x) => Sigmoid(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary>tanh x of one value, by the same method as the vector forms.</summary>
    public static float Tanh(float x) => Tanh(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <summary>destination[i] = e^x[i].</summary>
    public static void Exp(ReadOnlySpan<float> x, Span<float> destination) => Map<ExpFunction>(x, destination);

    /// <summary>x[i] = e^x[i].</summary>
    public static void Exp(Span<float> x) => Map<ExpFunction>(x, x);

    /// <summary>destination[i] = 1 / (1 + e^−x[i]).</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination) => Map<SigmoidFunction>(x, destination);

    /// <summary>x[i] = 1 / (1 + e^−x[i]).</summary>
    public static void Sigmoid(Span<float> x) => Map<SigmoidFunction>(x, x);

    /// <summary>destination[i] = tanh x[i].</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination) => Map<TanhFunction>(x, destination);

    /// <summary>x[i] = tanh x[i].</summary>
    public static void Tanh(Span<float> x) => Map<TanhFunction>(x, x);

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
        // per column, as adding row after row into the sums.
        fixed (float* m = matrix, target = sums)
        {
            nint j = 0;
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

    private static void CheckSameLength(int expected, int actual, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has {actual} elements, expected {expected}", name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Exp<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector>
    {
        // The clamp keeps n within the range ScaleByPowerOfTwo handles; NaN (second operand) passes through.
        x = TLanes.Max(TLanes.Splat(ExpInputMin), TLanes.Min(TLanes.Splat(ExpInputMax), x));
        TVector shifted = TLanes.MultiplyAdd(x, TLanes.Splat(Log2E), TLanes.Splat(RoundingShift));
        TVector n = TLanes.Subtract(shifted, TLanes.Splat(RoundingShift));
        TVector r = TLanes.MultiplyAdd(n, TLanes.Splat(-Ln2High), x);
        r = TLanes.MultiplyAdd(n, TLanes.Splat(-Ln2Low), r);
        TVector p = TLanes.Splat(1.9875691500e-4f);
        p = TLanes.MultiplyAdd(p, r, TLanes.Splat(1.3981999507e-3f));
        p = TLanes.MultiplyAdd(p, r, TLanes.Splat(8.3334519073e-3f));
        p = TLanes.MultiplyAdd(p, r, TLanes.Splat(4.1665795894e-2f));
        p = TLanes.MultiplyAdd(p, r, TLanes.Splat(1.6666665459e-1f));
        p = TLanes.MultiplyAdd(p, r, TLanes.Splat(5.0000001201e-1f));
        p = TLanes.MultiplyAdd(p, TLanes.Multiply(r, r), TLanes.Add(r, TLanes.Splat(1f)));
        return TLanes.ScaleByPowerOfTwo(p, shifted);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Sigmoid<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector>
    {
        // e = e^−|x| ≤ 1 never overflows; σ(x) = 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0.
        TVector one = TLanes.Splat(1f);
        TVector e = Exp<TVector, TLanes>(TLanes.Subtract(TLanes.Splat(0f), TLanes.Abs(x)));
        TVector numerator = TLanes.Select(TLanes.LessThan(x, TLanes.Splat(0f)), e, one);
        return TLanes.Divide(numerator, TLanes.Add(one, e));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Tanh<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector>
    {
        TVector ax = TLanes.Abs(x);
        // |x| ≥ 0.625: (1 − e)/(1 + e) with e = e^−2|x|, which tends to 1 without overflow.
        TVector one = TLanes.Splat(1f);
        TVector e = Exp<TVector, TLanes>(TLanes.Multiply(ax, TLanes.Splat(-2f)));
        TVector large = TLanes.Divide(TLanes.Subtract(one, e), TLanes.Add(one, e));
        // |x| < 0.625: Cephes tanhf odd polynomial, free of the cancellation in 1 − e.
        TVector z = TLanes.Multiply(ax, ax);
        TVector p = TLanes.Splat(-5.70498872745e-3f);
        p = TLanes.MultiplyAdd(p, z, TLanes.Splat(2.06390887954e-2f));
        p = TLanes.MultiplyAdd(p, z, TLanes.Splat(-5.37397155531e-2f));
        p = TLanes.MultiplyAdd(p, z, TLanes.Splat(1.33314422036e-1f));
        p = TLanes.MultiplyAdd(p, z, TLanes.Splat(-3.33332819422e-1f));
        TVector small = TLanes.MultiplyAdd(TLanes.Multiply(p, z), ax, ax);
        TVector magnitude = TLanes.Select(TLanes.LessThan(ax, TLanes.Splat(TanhPolynomialLimit)), small, large);
        return TLanes.Or(magnitude, TLanes.And(x, TLanes.Splat(-0f)));
    }

    /// <summary>An element-wise function, written once over any lane width.</summary>
    private interface IElementwise
    {
        static abstract TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector>;
    }

    private readonly struct ExpFunction : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector> =>
            Exp<TVector, TLanes>(x);
    }

    private readonly struct SigmoidFunction : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector> =>
            Sigmoid<TVector, TLanes>(x);
    }

    private readonly struct TanhFunction : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector> =>
            Tanh<TVector, TLanes>(x);
    }

    private static void Map<TFunction>(ReadOnlySpan<float> x, Span<float> destination) where TFunction : IElementwise
    {
        CheckSameLength(x.Length, destination.Length, nameof(destination));
        fixed (float* source = x, target = destination)
        {
            if (Vector512.IsHardwareAccelerated) Map<TFunction, Vector512<float>, FloatLanes512>(source, target, x.Length);
            else if (Vector256.IsHardwareAccelerated) Map<TFunction, Vector256<float>, FloatLanes256>(source, target, x.Length);
            else Map<TFunction, Vector128<float>, FloatLanes128>(source, target, x.Length);
        }
    }

    private static void Map<TFunction, TVector, TLanes>(float* source, float* target, int length)
        where TFunction : IElementwise where TVector : struct where TLanes : IFloatLanes<TVector>
    {
        int width = TLanes.Count, i = 0;
        for (; i + 2 * width <= length; i += 2 * width)
        {
            TVector first = TFunction.Apply<TVector, TLanes>(TLanes.Load(source + i));
            TVector second = TFunction.Apply<TVector, TLanes>(TLanes.Load(source + i + width));
            TLanes.Store(first, target + i);
            TLanes.Store(second, target + i + width);
        }
        for (; i + width <= length; i += width)
            TLanes.Store(TFunction.Apply<TVector, TLanes>(TLanes.Load(source + i)), target + i);
        if (i < length)
        {
            // The ragged end goes through a full vector of scratch, never past the spans.
            float* scratch = stackalloc float[Vector512<float>.Count];
            int rest = length - i;
            new ReadOnlySpan<float>(source + i, rest).CopyTo(new Span<float>(scratch, rest));
            TLanes.Store(TFunction.Apply<TVector, TLanes>(TLanes.Load(scratch)), scratch);
            new ReadOnlySpan<float>(scratch, rest).CopyTo(new Span<float>(target + i, rest));
        }
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
