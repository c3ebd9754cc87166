using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class LabelEncodingTests
{
    [Test]
    public void MapsRawLabelsThroughGroups()
    {
        var e = new LabelEncoding(["dry", "wet"], new Dictionary<string, string> { ["rain"] = "wet", ["fog"] = "dry" });
        Assert.That(e.IndexOf("rain"), Is.EqualTo(1));
        Assert.That(e.IndexOf("fog"), Is.EqualTo(0));
        Assert.That(e.IndexOf("wet"), Is.EqualTo(1));
        Assert.That(e.IndexOf("hail"), Is.EqualTo(-1));
    }

    [Test]
    public void RoundTripsThroughADictionary()
    {
        var e = new LabelEncoding(["sun", "cloud", "rain"], new Dictionary<string, string> { ["drizzle"] = "rain" });
        var restored = LabelEncoding.FromDictionary(e.ToDictionary());
        Assert.That(restored.ClassNames, Is.EqualTo(e.ClassNames));
        Assert.That(restored.IndexOf("drizzle"), Is.EqualTo(2));
        Assert.Throws<FormatException>(() => LabelEncoding.FromDictionary(new Dictionary<string, string>()));
    }

    [Test]
    public void DefaultOrderIsOrdinalAndBadNamesAreRefused()
    {
        Assert.That(LabelEncoding.FromObservedLabels(["b", "a", "B", "a"]).ClassNames, Is.EqualTo(new[] { "B", "a", "b" }));
        Assert.Throws<ArgumentException>(() => new LabelEncoding(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new LabelEncoding([]));
        Assert.Throws<ArgumentException>(() => new LabelEncoding(["a"], new Dictionary<string, string> { ["x"] = "b" }));
    }
}
