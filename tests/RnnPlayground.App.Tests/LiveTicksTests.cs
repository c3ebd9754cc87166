using System.Text.Json;

namespace RnnPlayground.App.Tests;

/// <summary><c>rnnplay run SCRIPT --ticks N</c>: the live loop without a window, its scores per year and rolling, in the console, live.txt and summary.json.</summary>
public class LiveTicksTests
{
    [Test]
    public void TheLiveLoopPrintsAndWritesItsScoresBesideTheBaselines()
    {
        using var project = new ProjectFolder();
        string output = project.Output("live");
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, ["run", "scripts/weather.lua", "--ticks", "480", "--out", output]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("live: 480 ticks (20 days)").And.Contain("year 1 so far").And.Contain("last 30 days").And.Contain("Brier score"));
        string live = File.ReadAllText(Path.Combine(output, "live.txt"));
        Assert.That(live, Does.Match(@"year 1 so far\s+20 \|"));
        JsonElement summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))).RootElement;
        Assert.That(summary.GetProperty("days").GetInt64(), Is.EqualTo(20));
        JsonElement year = summary.GetProperty("periods")[0];
        Assert.That(year.GetProperty("period").GetString(), Is.EqualTo("year 1 so far"));
        foreach (string who in new[] { "model", "persistence", "climatology" })
            Assert.That(year.GetProperty(who).GetProperty("brier").GetDouble(), Is.InRange(0.0, 1.0), who);
        Assert.That(summary.GetProperty("world_changes").GetArrayLength(), Is.Zero);
        Assert.That(summary.GetProperty("recoveries").GetArrayLength(), Is.Zero);

        // live.png: the rolling accuracies day by day, a PNG of the plot's size.
        Assert.That(r.Stdout, Does.Contain("live.png"));
        byte[] png = File.ReadAllBytes(Path.Combine(output, "live.png"));
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        int Big(int at) => (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
        Assert.That((Big(16), Big(20)), Is.EqualTo((1200, 600)), "IHDR width and height");
    }
}
