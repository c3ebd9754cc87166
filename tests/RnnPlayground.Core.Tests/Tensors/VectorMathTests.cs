using System.Runtime.Intrinsics;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Tensors;

public class VectorMathTests
{
    private const double RelativeTolerance = 1e-6;
    private const double MinNormal = 1.1754943508222875e-38;

    /// <summary>About 350 000 floats spread (≈680 per binade) over the whole range by bit pattern, both signs, with ±0 and ±∞.</summary>
    private static float[] AcrossTheFloatRange()
    {
        var values = new List<float>();
        for (uint bits = 0; bits <= 0x7F800000u; bits += 0x3001)
        {
            values.Add(BitConverter.UInt32BitsToSingle(bits));
            values.Add(-BitConverter.UInt32BitsToSingle(bits));
        }
        values.AddRange([float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 88.72f, 88.7228f, -87.33f, -103.97f]);
        return values.ToArray();
    }

    /// <summary>Relative error below 1e-6 where the exact value is a normal float; within 2 subnormal steps below that.</summary>
    private static void AssertClose(Func<double, double> exact, float[] x, float[] actual, string what)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double want = exact(x[i]);
            if (double.IsNaN(want))
            {
                if (!float.IsNaN(actual[i])) Assert.Fail($"{what}({x[i]:R}) = {actual[i]:R}, expected NaN");
                continue;
            }
            if (want > float.MaxValue)
            {
                if (actual[i] != float.PositiveInfinity) Assert.Fail($"{what}({x[i]:R}) = {actual[i]:R}, expected +∞");
                continue;
            }
            double error = Math.Abs(actual[i] - want);
            bool ok = Math.Abs(want) >= MinNormal ? error <= RelativeTolerance * Math.Abs(want) : error <= 2 * float.Epsilon;
            if (!ok) Assert.Fail($"{what}({x[i]:R}) = {actual[i]:R}, expected {want:R} (relative error {error / Math.Abs(want):E2})");
        }
    }

    private static double ExactSigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    [Test]
    public void ExpIsAccurateOverTheFloatRange()
    {
        float[] x = AcrossTheFloatRange(), y = new float[x.Length];
        VectorMath.Exp(x, y);
        AssertClose(Math.Exp, x, y, "exp");
    }

    [Test]
    public void SigmoidIsAccurateOverTheFloatRange()
    {
        float[] x = AcrossTheFloatRange(), y = new float[x.Length];
        VectorMath.Sigmoid(x, y);
        AssertClose(ExactSigmoid, x, y, "sigmoid");
    }

    [Test]
    public void TanhIsAccurateOverTheFloatRange()
    {
        float[] x = AcrossTheFloatRange(), y = new float[x.Length];
        VectorMath.Tanh(x, y);
        AssertClose(Math.Tanh, x, y, "tanh");
    }

    [Test]
    public void EveryVectorWidthAndTheScalarFormAgreeWithTheSpanForm()
    {
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 4096).Select(_ => (float)(random.NextDouble() * 60 - 30)).ToArray();
        foreach (var (name, span, v512, v256, v128, scalar) in new (string, Action<float[], float[]>, Func<Vector512<float>, Vector512<float>>,
            Func<Vector256<float>, Vector256<float>>, Func<Vector128<float>, Vector128<float>>, Func<float, float>)[]
        {
            ("exp", (a, b) => VectorMath.Exp(a, b), VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp),
            ("sigmoid", (a, b) => VectorMath.Sigmoid(a, b), VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid),
            ("tanh", (a, b) => VectorMath.Tanh(a, b), VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh),
        })
        {
            float[] expected = new float[x.Length];
            span(x, expected);
            for (int i = 0; i + 16 <= x.Length; i += 16)
            {
                var wide = v512(Vector512.Create(x.AsSpan(i, 16)));
                var mid = v256(Vector256.Create(x.AsSpan(i, 8)));
                var narrow = v128(Vector128.Create(x.AsSpan(i, 4)));
                for (int lane = 0; lane < 16; lane++)
                {
                    Assert.That(wide[lane], Is.EqualTo(expected[i + lane]), $"{name} 512-bit lane {lane} of x = {x[i + lane]}");
                    if (lane < 8) Assert.That(mid[lane], Is.EqualTo(expected[i + lane]), $"{name} 256-bit");
                    if (lane < 4) Assert.That(narrow[lane], Is.EqualTo(expected[i + lane]), $"{name} 128-bit");
                }
                Assert.That(scalar(x[i + 3]), Is.EqualTo(expected[i + 3]), $"{name} scalar");
            }
        }
    }

    [Test]
    public void SpecialValuesSaturateAndNaNPropagates()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VectorMath.Exp(0f), Is.EqualTo(1f));
            Assert.That(VectorMath.Exp(89f), Is.EqualTo(float.PositiveInfinity));
            Assert.That(VectorMath.Exp(1000f), Is.EqualTo(float.PositiveInfinity));
            Assert.That(VectorMath.Exp(float.PositiveInfinity), Is.EqualTo(float.PositiveInfinity));
            Assert.That(VectorMath.Exp(-200f), Is.EqualTo(0f));
            Assert.That(VectorMath.Exp(float.NegativeInfinity), Is.EqualTo(0f));
            Assert.That(VectorMath.Exp(88.5f), Is.EqualTo((float)Math.Exp(88.5)).Within(1e-6 * Math.Exp(88.5)));
            Assert.That(float.IsNaN(VectorMath.Exp(float.NaN)));

            Assert.That(VectorMath.Sigmoid(0f), Is.EqualTo(0.5f));
            Assert.That(VectorMath.Sigmoid(100f), Is.EqualTo(1f));
            Assert.That(VectorMath.Sigmoid(-100f), Is.EqualTo(Math.Exp(-100)).Within(2 * float.Epsilon));
            Assert.That(VectorMath.Sigmoid(-200f), Is.EqualTo(0f));
            Assert.That(VectorMath.Sigmoid(float.PositiveInfinity), Is.EqualTo(1f));
            Assert.That(VectorMath.Sigmoid(float.NegativeInfinity), Is.EqualTo(0f));
            Assert.That(float.IsNaN(VectorMath.Sigmoid(float.NaN)));

            Assert.That(VectorMath.Tanh(100f), Is.EqualTo(1f));
            Assert.That(VectorMath.Tanh(-100f), Is.EqualTo(-1f));
            Assert.That(VectorMath.Tanh(10f), Is.EqualTo(1f));
            Assert.That(VectorMath.Tanh(float.NegativeInfinity), Is.EqualTo(-1f));
            Assert.That(VectorMath.Tanh(1e-30f), Is.EqualTo(1e-30f));
            Assert.That(float.IsNegative(VectorMath.Tanh(-0f)) && VectorMath.Tanh(-0f) == 0f, "tanh(−0) = −0");
            Assert.That(float.IsNaN(VectorMath.Tanh(float.NaN)));
        });
    }

    [Test]
    public void InPlaceEqualsOutOfPlace([Values(0, 1, 15, 16, 17, 33, 100)] int length)
    {
        var random = new Random(length);
        float[] x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        foreach (var (inPlace, outOfPlace) in new (Action<float[]>, Action<float[], float[]>)[]
        {
            (a => VectorMath.Exp(a), (a, b) => VectorMath.Exp(a, b)),
            (a => VectorMath.Sigmoid(a), (a, b) => VectorMath.Sigmoid(a, b)),
            (a => VectorMath.Tanh(a), (a, b) => VectorMath.Tanh(a, b)),
        })
        {
            float[] expected = new float[length], actual = (float[])x.Clone();
            outOfPlace(x, expected);
            inPlace(actual);
            Assert.That(actual, Is.EqualTo(expected));
        }
    }

    [Test]
    public void ArithmeticMatchesScalarLoops()
    {
        var random = new Random(11);
        float[] Make(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        const int n = 37;
        float[] x = Make(n), y = Make(n), z = Make(n), d = new float[n];
        VectorMath.Add(x, y, d);
        Assert.That(d, Is.EqualTo(x.Zip(y, (a, b) => a + b).ToArray()));
        VectorMath.Multiply(x, y, d);
        Assert.That(d, Is.EqualTo(x.Zip(y, (a, b) => a * b).ToArray()));
        VectorMath.MultiplyAdd(x, y, z, d);
        for (int i = 0; i < n; i++) Assert.That(d[i], Is.EqualTo(x[i] * y[i] + z[i]).Within(1e-6));
        VectorMath.Scale(x, -3f, d);
        Assert.That(d, Is.EqualTo(x.Select(a => a * -3f).ToArray()));
        float[] scaled = (float[])x.Clone();
        VectorMath.Scale(scaled, -3f);
        Assert.That(scaled, Is.EqualTo(d));
        VectorMath.Clamp(x, -0.5f, 1f, d);
        Assert.That(d, Is.EqualTo(x.Select(a => Math.Clamp(a, -0.5f, 1f)).ToArray()));
        float[] clamped = [float.NaN, -5f, 5f];
        VectorMath.Clamp(clamped, -1f, 1f);
        Assert.That(clamped[1..], Is.EqualTo(new[] { -1f, 1f }));
        Assert.That(float.IsNaN(clamped[0]));
    }

    [Test]
    public void SumsAccumulateInDouble([Values(0, 1, 7, 1000, 100_003)] int length)
    {
        var random = new Random(length);
        float[] x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1 + 1e4)).ToArray();
        double sum = 0, squares = 0;
        foreach (float v in x)
        {
            sum += v;
            squares += (double)v * v;
        }
        Assert.That(VectorMath.Sum(x), Is.EqualTo(sum).Within(1e-12 * Math.Max(1, Math.Abs(sum))));
        Assert.That(VectorMath.SumOfSquares(x), Is.EqualTo(squares).Within(1e-12 * Math.Max(1, squares)));
    }

    [Test]
    public void ColumnSumsAddIntoTheirTarget()
    {
        const int rows = 5, columns = 19, ld = 23;
        var random = new Random(3);
        float[] matrix = Enumerable.Range(0, rows * ld).Select(_ => (float)random.NextDouble()).ToArray();
        float[] sums = Enumerable.Range(0, columns).Select(j => (float)j).ToArray();
        VectorMath.AddColumnSums(rows, columns, matrix, ld, sums);
        for (int j = 0; j < columns; j++)
        {
            double expected = j;
            for (int r = 0; r < rows; r++) expected += matrix[r * ld + j];
            Assert.That(sums[j], Is.EqualTo(expected).Within(1e-5));
        }
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        float[] three = new float[3], four = new float[4];
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentException>(() => VectorMath.Exp(three, four))!.ParamName, Is.EqualTo("destination"));
            Assert.That(Assert.Throws<ArgumentException>(() => VectorMath.Add(three, four, three))!.ParamName, Is.EqualTo("y"));
            Assert.That(Assert.Throws<ArgumentException>(() => VectorMath.MultiplyAdd(three, three, four, three))!.ParamName, Is.EqualTo("addend"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.Clamp(three, 1f, 0f))!.ActualValue, Is.EqualTo(0f));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => VectorMath.AddColumnSums(2, 3, four, 2, three))!.ParamName, Is.EqualTo("ld"));
            Assert.That(Assert.Throws<ArgumentException>(() => VectorMath.AddColumnSums(2, 3, four, 3, three))!.ParamName, Is.EqualTo("matrix"));
            Assert.That(Assert.Throws<ArgumentException>(() => VectorMath.AddColumnSums(1, 3, four, 3, four))!.ParamName, Is.EqualTo("sums"));
        });
    }
}
