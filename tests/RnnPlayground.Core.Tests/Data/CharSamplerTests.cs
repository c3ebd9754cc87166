using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class CharSamplerTests
{
    [Test]
    public void FollowsTheSoftmaxWithAFixedSeed()
    {
        float[] logits = [0f, MathF.Log(2), MathF.Log(5), float.MinValue / 2];   // probabilities 1/8, 2/8, 5/8, 0
        var random = new RandomSource(123);
        var counts = new int[4];
        for (int i = 0; i < 40000; i++) counts[CharSampler.Sample(logits, 1.0, random)]++;
        Assert.That(counts[0] / 40000.0, Is.EqualTo(0.125).Within(0.01));
        Assert.That(counts[1] / 40000.0, Is.EqualTo(0.25).Within(0.01));
        Assert.That(counts[2] / 40000.0, Is.EqualTo(0.625).Within(0.01));
        Assert.That(counts[3], Is.Zero);

        var again = new RandomSource(123);
        var first = Enumerable.Range(0, 20).Select(_ => CharSampler.Sample(logits, 1.0, again)).ToArray();
        var replay = new RandomSource(123);
        Assert.That(Enumerable.Range(0, 20).Select(_ => CharSampler.Sample(logits, 1.0, replay)), Is.EqualTo(first), "same seed, same draws");
    }

    [Test]
    public void LowTemperatureAlwaysPicksAPeakedLogit()
    {
        float[] logits = [1f, 3f, 2.9f, -5f];
        var random = new RandomSource(9);
        for (int i = 0; i < 1000; i++) Assert.That(CharSampler.Sample(logits, 1e-30, random), Is.EqualTo(1));
        Span<float> p = stackalloc float[4];
        CharSampler.Probabilities(logits, 1e-30, p);
        Assert.That(p.ToArray(), Is.EqualTo(new[] { 0f, 1f, 0f, 0f }));
        CharSampler.Probabilities(logits, 1e6, p);
        Assert.That(p.ToArray(), Is.All.EqualTo(0.25f).Within(1e-5), "a huge temperature flattens");
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        var random = new RandomSource(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CharSampler.Sample([1f, 2f], 0, random))!;
        Assert.That(e.ActualValue, Is.EqualTo(0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharSampler.Sample([1f, 2f], -1, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => CharSampler.Sample([1f, 2f], double.NaN, random));
        Assert.Throws<ArgumentException>(() => CharSampler.Sample([1f, float.NaN], 1, random));
        Assert.Throws<ArgumentException>(() => CharSampler.Sample([], 1, random));
    }
}
