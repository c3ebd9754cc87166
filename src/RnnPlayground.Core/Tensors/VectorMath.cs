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
public static unsafe partial class VectorMath
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

    private static void CheckSameLength(int expected, int actual, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has {actual} elements, expected {expected}", name);
    }

    /// <summary>
    /// Magnitudes below this are flushed to zero by <see cref="FlushTiny{TVector, TLanes}"/>: far
    /// enough above the subnormal range (below 1.2·10⁻³⁸) that the products and sums a flushed
    /// gradient feeds (a time step's product with W_hh, the weight-gradient products) stay normal.
    /// </summary>
    internal const float FlushBelow = 1e-30f;

    /// <summary>
    /// x with every lane of magnitude below <see cref="FlushBelow"/> set to 0 (NaN passes through).
    /// .NET has no flush-to-zero mode, and on Intel CPUs every operation with a subnormal operand
    /// or result takes a microcode assist (about 100× slower); a gradient vanishing through a long
    /// time loop would otherwise run on them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector FlushTiny<TVector, TLanes>(TVector x) where TVector : struct where TLanes : IFloatLanes<TVector> =>
        TLanes.Select(TLanes.LessThan(TLanes.Abs(x), TLanes.Splat(FlushBelow)), TLanes.Splat(0f), x);

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
}
