using System.Buffers.Binary;

namespace RnnPlayground.App.Tests;

/// <summary>Every headless run draws report.png beside its metrics.csv, on the CPU (no display, no GPU stack).</summary>
public class RunReportTests
{
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Test]
    public void AHeadlessRunWritesAReportOfItsCurves()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("tiny.lua", TestSuiteFolder.TinyScript);
        string output = project.Output("run");
        RnnplayResult r = project.Run("run", script, "--headless", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.Contain("report: "), r.ToString());
        // Four panels (loss, validation RMSE, learning rate, gradient norm): one row of three and one of one, under the title.
        Assert.That(PngSize(Path.Combine(output, "report.png")), Is.EqualTo((3 * 520, 36 + 2 * 400)));
    }

    [Test]
    public void AClassifierWithTrackedGradientsAddsTheTimeStepsAndTheConfusionMatrix()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("copy.lua", """
            return {
              data = rnn.data.copy{ symbols = 3, length = 2, delay = 3, train = 64, seed = 1 },
              model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 4 }, rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
              optimizer = rnn.optim.adam{ lr = 1e-2 },
              steps = 6,
              evaluate_every = 3,
              track_gradient_norms = true,
            }
            """);
        string output = project.Output("run");
        RnnplayResult r = project.Run("run", script, "--headless", "--out", output);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        // Six panels: two full rows.
        Assert.That(PngSize(Path.Combine(output, "report.png")), Is.EqualTo((3 * 520, 36 + 2 * 400)));
        RnnplayResult noTracking = project.Run("run", project.WriteScript("copy2.lua", File.ReadAllText(Path.Combine(project.Root, script))
            .Replace("track_gradient_norms = true,", "", StringComparison.Ordinal)), "--headless", "--out", project.Output("run2"));
        Assert.That(noTracking.ExitCode, Is.EqualTo(0), noTracking.ToString());
        Assert.That(File.ReadAllBytes(Path.Combine(project.Output("run2"), "report.png")), Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(output, "report.png"))));
    }
}
