using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class WeatherEventTests
{
    private static List<WeatherObservation> Run(WeatherSimulator sim, int hours) => Enumerable.Range(0, hours).Select(_ => sim.Next()).ToList();

    /// <summary>Two worlds of the same seed, the second with <paramref name="change"/> at hour 240; the 10 days after it.</summary>
    private static (List<WeatherObservation> Plain, List<WeatherObservation> Changed) Fork(Action<WeatherSimulator> change, int days = 10)
    {
        var a = new WeatherSimulator(WeatherClimate.Default, 5);
        var b = new WeatherSimulator(WeatherClimate.Default, 5);
        Run(a, 240);
        Run(b, 240);
        change(b);
        return (Run(a, 24 * days), Run(b, 24 * days));
    }

    [Test]
    public void AStormFrontDeepensThePressureAndBringsRainAndWind()
    {
        (var plain, var stormy) = Fork(s => s.Inject(WeatherEvent.Storm(intensity: 3, days: 2)), days: 2);
        Assert.That(stormy.Min(o => o.Pressure), Is.LessThan(plain.Min(o => o.Pressure) - 20));
        Assert.That(stormy.Sum(o => o.Precipitation), Is.GreaterThan(plain.Sum(o => o.Precipitation) + 20));
        Assert.That(stormy.Max(o => o.WindSpeed), Is.GreaterThan(plain.Max(o => o.WindSpeed) + 5));
    }

    [Test]
    public void AHeatWaveWarmsAndADrySpellStopsTheRain()
    {
        (var plain, var hot) = Fork(s => s.Inject(WeatherEvent.HeatWave(degrees: 8, days: 6)), days: 6);
        Assert.That(hot.Average(o => o.Temperature), Is.GreaterThan(plain.Average(o => o.Temperature) + 3));
        var stormy = WeatherClimate.Default with { Storminess = 2, ShowersPerDay = 2 };
        var sim = new WeatherSimulator(stormy, 9);
        Run(sim, 24 * 5);
        while (sim.ActiveSystems > 0) sim.Next();
        sim.Inject(WeatherEvent.DrySpell(days: 10));
        Assert.That(Run(sim, 24 * 10).Sum(o => o.Precipitation), Is.Zero);
        Assert.That(Run(sim, 24 * 20).Sum(o => o.Precipitation), Is.GreaterThan(0));
        Assert.That(sim.ActiveSpells, Is.Zero, "over when its days are");
    }

    [Test]
    public void AChangeOfClimateTakesHoldAndItsCalendarCannotChange()
    {
        (var plain, var warm) = Fork(s => s.ChangeClimate(s.Climate with { MeanTemperature = 21 }), days: 60);
        Assert.That(warm.Skip(24 * 10).Average(o => o.Temperature) - plain.Skip(24 * 10).Average(o => o.Temperature), Is.EqualTo(10).Within(0.5));
        var sim = new WeatherSimulator(WeatherClimate.Default, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ChangeClimate(sim.Climate with { HoursPerDay = 12 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.ChangeClimate(sim.Climate with { Storminess = 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Inject(new WeatherEvent(WeatherEventKind.Storm, 1, 7)));
    }

    [Test]
    public void EventsUnderWayAreSavedWithTheState()
    {
        var sim = new WeatherSimulator(WeatherClimate.Default, 3);
        Run(sim, 100);
        sim.Inject(WeatherEvent.HeatWave());
        sim.Inject(WeatherEvent.DrySpell());
        Run(sim, 30);
        string state = sim.SaveState();
        var expected = Run(sim, 24 * 12);
        var restored = new WeatherSimulator(WeatherClimate.Default, 999);
        restored.RestoreState(state);
        Assert.That(restored.ActiveSpells, Is.EqualTo(2));
        Assert.That(Run(restored, 24 * 12), Is.EqualTo(expected));
    }
}
