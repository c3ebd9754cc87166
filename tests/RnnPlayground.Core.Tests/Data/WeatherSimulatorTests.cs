using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

public class WeatherSimulatorTests
{
    private static WeatherObservation[] Run(WeatherSimulator sim, int hours)
    {
        var obs = new WeatherObservation[hours];
        for (int i = 0; i < hours; i++) obs[i] = sim.Next();
        return obs;
    }

    [Test]
    public void SameSeedSameStreamOtherSeedOtherStream()
    {
        var a = Run(new WeatherSimulator(WeatherClimate.Default, 42), 3000);
        var b = Run(new WeatherSimulator(WeatherClimate.Default, 42), 3000);
        var c = Run(new WeatherSimulator(WeatherClimate.Default, 43), 3000);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c.Zip(a).Count(p => p.First.Temperature != p.Second.Temperature), Is.GreaterThan(2900));
        Assert.That(a.Select(o => o.Hour), Is.EqualTo(Enumerable.Range(0, 3000).Select(h => (long)h)));
    }

    [Test]
    public void TenYearsStayPhysicallySane()
    {
        var sim = new WeatherSimulator(WeatherClimate.Default, 7);
        var obs = Run(sim, 24 * 365 * 10);
        Assert.That(obs.All(o => o.Humidity is >= 0 and <= 100), "humidity in [0, 100]");
        Assert.That(obs.All(o => o.Pressure is >= 950 and <= 1050), "pressure in [950, 1050]");
        Assert.That(obs.All(o => o.Precipitation >= 0 && o.WindSpeed >= 0));
        Assert.That(obs.All(o => float.IsFinite(o.Temperature) && o.Temperature is > -30 and < 45));
        double rainyHours = obs.Count(o => o.Precipitation > 0) / (double)obs.Length;
        Assert.That(rainyHours, Is.InRange(0.03, 0.3));
        Assert.That(obs.Min(o => o.Pressure), Is.LessThan(1000), "deep lows happen");
        Assert.That(obs.Max(o => o.WindSpeed), Is.GreaterThan(10), "windy spells happen");

        // Seasons (day 0 = 1 January) and the day/night cycle.
        double Mean(Func<WeatherObservation, bool> where) => obs.Where(where).Average(o => o.Temperature);
        double january = Mean(o => o.Hour / 24 % 365 < 31), july = Mean(o => o.Hour / 24 % 365 is >= 181 and < 212);
        Assert.That(july - january, Is.InRange(10, 18), $"July {july:F1} °C, January {january:F1} °C");
        double afternoon = Mean(o => o.Hour % 24 == 15), night = Mean(o => o.Hour % 24 == 3);
        Assert.That(afternoon - night, Is.InRange(3, 8));
        double winterRain = obs.Where(o => o.Hour / 24 % 365 is < 59 or >= 334).Average(o => o.Precipitation);
        double summerRain = obs.Where(o => o.Hour / 24 % 365 is >= 152 and < 244).Average(o => o.Precipitation);
        Assert.That(winterRain, Is.GreaterThan(1.5 * summerRain), "a rainy winter");
    }

    [Test]
    public void RainIsMoreLikelyAfterPressureFalls()
    {
        var obs = Run(new WeatherSimulator(WeatherClimate.Default, 11), 24 * 365 * 6);
        int falling = 0, fallingThenRain = 0, other = 0, otherThenRain = 0;
        for (int h = 12; h + 12 < obs.Length; h++)
        {
            bool fell = obs[h].Pressure - obs[h - 12].Pressure < -3;
            bool rainNext = false;
            for (int k = 1; k <= 12; k++) rainNext |= obs[h + k].Precipitation > 0.2;
            if (fell) { falling++; if (rainNext) fallingThenRain++; }
            else { other++; if (rainNext) otherThenRain++; }
        }
        double pFalling = (double)fallingThenRain / falling, pOther = (double)otherThenRain / other;
        TestContext.Out.WriteLine($"P(rain within 12 h | pressure fell > 3 hPa in 12 h) = {pFalling:P1} (n={falling}); otherwise {pOther:P1} (n={other})");
        Assert.That(pFalling, Is.GreaterThan(2 * pOther));
        Assert.That(pFalling, Is.LessThan(0.95), "not a certainty");
    }

    [Test]
    public void HumidityRisesBeforeRain()
    {
        var obs = Run(new WeatherSimulator(WeatherClimate.Default, 5), 24 * 365 * 4);
        double before = 0, typical = obs.Average(o => o.Humidity);
        int n = 0;
        for (int h = 24; h < obs.Length; h++)
            if (obs[h].Precipitation > 1 && obs[h - 1].Precipitation == 0 && obs[h - 6].Precipitation == 0) { before += obs[h - 6].Humidity; n++; }
        Assert.That(n, Is.GreaterThan(50));
        Assert.That(before / n, Is.GreaterThan(typical + 5));
    }

    [Test]
    public void SavedStateContinuesIdentically()
    {
        var sim = new WeatherSimulator(WeatherClimate.Default, 3);
        Run(sim, 1000);
        while (sim.ActiveSystems == 0) sim.Next();      // save while a system is passing
        for (int i = 0; i < 7; i++) sim.Next();
        string state = sim.SaveState();
        long hour = sim.Hour;
        var expected = Run(sim, 2000);

        var restored = new WeatherSimulator(WeatherClimate.Default, 999);
        restored.RestoreState(state);
        Assert.That(restored.Hour, Is.EqualTo(hour));
        Assert.That(Run(restored, 2000), Is.EqualTo(expected));
        Assert.That(restored.SaveState(), Is.EqualTo(sim.SaveState()));
    }

    [Test]
    public void BadStatesAreRefusedWithoutChangingTheSimulator()
    {
        var sim = new WeatherSimulator(WeatherClimate.Default, 3);
        sim.Next();
        string before = sim.SaveState();
        Assert.Throws<FormatException>(() => sim.RestoreState("nonsense"));
        string[] parts = before.Split('|');
        Assert.That(parts, Has.Length.EqualTo(6));
        Assert.Throws<FormatException>(() => sim.RestoreState(string.Join('|', parts[0], "-1", parts[2], parts[3], parts[4], parts[5])));
        Assert.Throws<FormatException>(() => sim.RestoreState(string.Join('|', parts[0], parts[1], "0,0", parts[3], parts[4], parts[5])));
        Assert.Throws<FormatException>(() => sim.RestoreState(string.Join('|', parts[0], parts[1], parts[2], "1,2", parts[4], parts[5])));
        Assert.Throws<FormatException>(() => sim.RestoreState(string.Join('|', parts[0], parts[1], parts[2], parts[3], "1,0,1", parts[5])));
        Assert.Throws<FormatException>(() => sim.RestoreState(string.Join('|', parts[0], parts[1], parts[2], parts[3], parts[4], "tornado,1,2,3")));
        Assert.That(sim.SaveState(), Is.EqualTo(before));
    }

    [Test]
    public void NextAllocatesNothing()
    {
        var sim = new WeatherSimulator(WeatherClimate.Default, 1);
        Span<float> row = stackalloc float[5];
        Run(sim, 100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5000; i++) sim.TryRead(row);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void WithoutSystemsOrShowersItNeverRains()
    {
        var calm = WeatherClimate.Default with { Storminess = 0, ShowersPerDay = 0 };
        var obs = Run(new WeatherSimulator(calm, 1), 24 * 200);
        Assert.That(obs.All(o => o.Precipitation == 0));
        Assert.That(obs.Min(o => o.Pressure), Is.GreaterThan(995), "only the slow drift moves the pressure");
    }

    [Test]
    public void ShortDaysKeepTheDailyCycle()
    {
        var fast = WeatherClimate.Default with { HoursPerDay = 8, NoiseScale = 0, Storminess = 0 };
        var sim = new WeatherSimulator(fast, 1);
        var obs = Run(sim, 8 * 4);
        // With no noise and no systems, the warmest of each 8-hour day is at hour 5 (15:00 of 24).
        for (int d = 0; d < 4; d++)
            Assert.That(Array.IndexOf(obs, obs.Skip(8 * d).Take(8).MaxBy(o => o.Temperature)) % 8, Is.EqualTo(5));
        Assert.That(sim.DayOfYearAt(8 * 366), Is.EqualTo(1));
    }

    [Test]
    public void ObservationRowOrder()
    {
        Span<float> row = stackalloc float[5];
        new WeatherObservation(0, 1, 2, 3, 4, 5).CopyTo(row);
        Assert.That(row.ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f, 4f, 5f }));
        Assert.That(new WeatherSimulator(WeatherClimate.Default, 1).Names, Is.EqualTo(new[] { "temperature", "humidity", "wind_speed", "pressure", "precipitation" }));
    }
}
