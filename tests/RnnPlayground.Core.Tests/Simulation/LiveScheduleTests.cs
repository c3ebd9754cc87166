using RnnPlayground.Core.Simulation;

namespace RnnPlayground.Core.Tests.Simulation;

public class LiveScheduleTests
{
    [Test]
    public void DecayHalvesTheDistanceToTheFloorEveryHalfLife()
    {
        var s = new LiveSchedule(LiveScheduleKind.Decay, Floor: 0.1, HalfLifeDays: 100);
        Assert.That(s.At(1f, 0), Is.EqualTo(1f));
        Assert.That(s.At(1f, 100), Is.EqualTo(0.55f).Within(1e-6));
        Assert.That(s.At(1f, 200), Is.EqualTo(0.325f).Within(1e-6));
        Assert.That(s.At(1f, 1e5), Is.EqualTo(0.1f).Within(1e-6), "never below the floor");
    }

    [Test]
    public void RestartsRunACosineToTheFloorEachPeriodAndConstantStays()
    {
        var s = new LiveSchedule(LiveScheduleKind.Restarts, Floor: 0.2, PeriodDays: 10);
        Assert.That(s.At(2f, 0), Is.EqualTo(2f));
        Assert.That(s.At(2f, 5), Is.EqualTo(1.2f).Within(1e-6));
        Assert.That(s.At(2f, 9.999), Is.EqualTo(0.4f).Within(1e-4));
        Assert.That(s.At(2f, 10), Is.EqualTo(2f), "restarted");
        Assert.That(new LiveSchedule(LiveScheduleKind.Constant).At(3e-3f, 1234), Is.EqualTo(3e-3f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveSchedule(Floor: 0).Validate());
    }
}
