using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class ZScoreNormalizerTests
{
    [Test]
    public void FitsMeanAndPopulationStdOnTheGivenRows()
    {
        var series = new TimeSeries("t", ["a", "b"], [[1f, 2f, 3f, 100f], [5f, 5f, 5f, 5f]]);
        var n = ZScoreNormalizer.Fit(series, ["a", "b"], [0, 1, 2]);
        Assert.That(n.Means, Is.EqualTo(new[] { 2.0, 5.0 }));
        Assert.That(n.Stds[0], Is.EqualTo(Math.Sqrt(2.0 / 3)).Within(1e-15));
        Assert.That(n.Stds[1], Is.EqualTo(1.0), "a constant column gets std 1");
        Assert.That(n.Normalize(0, 3f), Is.EqualTo((float)(1 / Math.Sqrt(2.0 / 3))));
        Assert.That(n.Denormalize(0, n.Normalize(0, 3f)), Is.EqualTo(3f).Within(1e-6));
    }

    [Test]
    public void FitsOnRowMajorRows()
    {
        var n = ZScoreNormalizer.Fit(["x", "y"], [1f, 10f, 3f, 30f]);
        Assert.That(n.Means, Is.EqualTo(new[] { 2.0, 20.0 }));
        Assert.That(n.Stds, Is.EqualTo(new[] { 1.0, 10.0 }));
        Span<float> row = stackalloc float[2];
        n.Normalize([3f, 10f], row);
        Assert.That(row.ToArray(), Is.EqualTo(new[] { 1f, -1f }));
        Assert.Throws<ArgumentException>(() => ZScoreNormalizer.Fit(["x", "y"], [1f, 2f, 3f]));
    }

    [Test]
    public void JsonAndDictionaryRoundTripExactly()
    {
        var n = new ZScoreNormalizer(["p", "t max"], [0.1 + 0.2, -7.123456789012345], [Math.PI, 1e-7]);
        var fromJson = ZScoreNormalizer.FromJson(n.ToJson());
        var fromDict = ZScoreNormalizer.FromDictionary(n.ToDictionary("model.norm."), "model.norm.");
        foreach (var restored in new[] { fromJson, fromDict })
        {
            Assert.That(restored.Names, Is.EqualTo(n.Names));
            Assert.That(restored.Means, Is.EqualTo(n.Means));
            Assert.That(restored.Stds, Is.EqualTo(n.Stds));
        }
        Assert.That(n.ToJson(), Does.StartWith("{\"format\":\"rnnplayground.zscore\",\"version\":1,"));
    }

    [Test]
    public void BadSavedFormsAreRefused()
    {
        Assert.That(Assert.Throws<DataFormatException>(() => ZScoreNormalizer.FromJson("{\"format\":\"other\"}", "ckpt.json"))!.Message,
            Does.StartWith("ckpt.json: not a saved normalizer"));
        Assert.That(Assert.Throws<DataFormatException>(() => ZScoreNormalizer.FromJson("{\"format\":\"rnnplayground.zscore\",\"version\":2,\"columns\":[]}"))!.Detail,
            Does.Contain("version 2"));
        Assert.That(Assert.Throws<DataFormatException>(() => ZScoreNormalizer.FromJson("{\"format\":\"rnnplayground.zscore\",\"version\":1,\"columns\":[{\"name\":\"a\",\"mean\":0,\"std\":0}]}"))!.Detail,
            Does.Contain("std of 'a'"));
        Assert.Throws<DataFormatException>(() => ZScoreNormalizer.FromJson("not json"));
        var dict = new ZScoreNormalizer(["a"], [1], [2]).ToDictionary();
        dict["norm.a.std"] = "two";
        Assert.That(Assert.Throws<DataFormatException>(() => ZScoreNormalizer.FromDictionary(dict))!.Detail, Does.Contain("'norm.a.std' is not a number"));
    }

    [Test]
    public void ConstructorChecksItsArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZScoreNormalizer(["a"], [0], [-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZScoreNormalizer(["a"], [double.NaN], [1]));
        Assert.Throws<ArgumentException>(() => new ZScoreNormalizer(["a", "a"], [0, 0], [1, 1]));
        Assert.That(Assert.Throws<ArgumentException>(() => new ZScoreNormalizer(["a"], [0], [1]).IndexOf("b"))!.Message, Does.Contain("it has: a"));
    }
}
