using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using RnnPlayground.Core.Checkpoints;

namespace RnnPlayground.App.Tests;

/// <summary>
/// Checkpoints as a user meets them: a run killed mid-way leaves metrics.csv consistent with its
/// checkpoint and resuming ends with the outputs of an uninterrupted run; damaged or odd files are
/// refused by eval and resume with one line naming the file.
/// </summary>
public class CheckpointCommandTests
{
    private const string Script = """
        return {
          data = rnn.data.sine{ seq = 20, components = 2, train = 320, validation = 64, test = 64, seed = 3 },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 16 }, rnn.nn.linear{} },
          optimizer = rnn.optim.adam{ lr = 1e-2 },
          batch = 16,
          steps = 2000,
          evaluate_every = 20,
          checkpoint_every = 20,
          select = { metric = 'rmse' },
        }
        """;

    private static long CheckpointStep(string path) =>
        (long)JsonNode.Parse(SafeTensorsFile.Read(path).Metadata["trainer"])!["step"]!;

    /// <summary>summary.json without times and the checkpoint's path.</summary>
    private static string Comparable(string folder)
    {
        JsonObject s = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!.AsObject();
        foreach (string key in new[] { "seconds", "steps_per_second", "checkpoint" }) s.Remove(key);
        return s.ToJsonString();
    }

    [Test]
    public void AKilledRunKeepsMetricsConsistentWithItsCheckpointAndResumingMatchesAnUninterruptedRun()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("killme.lua", Script);
        string straight = project.Output("straight"), killed = project.Output("killed");
        RnnplayResult whole = project.Run("run", script, "--headless", "--out", straight);
        Assert.That(whole.ExitCode, Is.EqualTo(0), whole.ToString());

        string checkpoint = Path.Combine(killed, "checkpoint.safetensors");
        using (Process p = Rnnplay.Start(project.Root, "run", script, "--headless", "--out", killed))
        {
            var clock = Stopwatch.StartNew();
            while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90) && !(File.Exists(checkpoint) && CheckpointStep(checkpoint) >= 200))
                Thread.Sleep(10);
            Assert.That(p.HasExited, Is.False, "the run is killed mid-way (it ended by itself, or never checkpointed)");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        long step = CheckpointStep(checkpoint);
        Assert.That(step, Is.LessThan(2000));
        string text = File.ReadAllText(Path.Combine(killed, "metrics.csv"));
        Assert.That(text, Does.EndWith("\n"), "no torn row");
        string[] rows = text.TrimEnd('\n').Split('\n');
        Assert.That(rows.Skip(1).Select(r => r.Split(',').Length), Is.All.EqualTo(10));
        Assert.That(rows.Skip(1).Take((int)step).Select(r => r.Split(',')[0]), Is.EqualTo(Enumerable.Range(1, (int)step).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            "every row up to the checkpoint's step is on disk");

        RnnplayResult resumed = project.Run("run", script, "--headless", "--out", killed, "--resume", checkpoint);
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(File.ReadAllText(Path.Combine(killed, "metrics.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(straight, "metrics.csv"))), "metrics.csv");
        Assert.That(Comparable(killed), Is.EqualTo(Comparable(straight)), "summary.json");
        Assert.That(File.ReadAllBytes(Path.Combine(killed, "best.safetensors")), Is.EqualTo(File.ReadAllBytes(Path.Combine(straight, "best.safetensors"))), "best.safetensors");
        Assert.That(Directory.GetFiles(killed, "*.tmp-*"), Is.Empty, "temporary files of an interrupted save are cleaned up");
    }

    [Test]
    public void ADamagedOrOddCheckpointIsRefusedByEvalAndResumeNamingTheFile()
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("small.lua", Script.Replace("steps = 2000", "steps = 40"));
        string output = project.Output("small");
        Assert.That(project.Run("run", script, "--headless", "--out", output).ExitCode, Is.EqualTo(0));
        string checkpoint = Path.Combine(output, "checkpoint.safetensors");

        // The checksum removed from the header and a data byte flipped.
        byte[] bytes = File.ReadAllBytes(checkpoint);
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        JsonObject header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        header["__metadata__"]!.AsObject().Remove("sha256");
        byte[] h = Encoding.UTF8.GetBytes(header.ToJsonString());
        byte[] data = bytes[(8 + length)..];
        data[^3] ^= 0x20;
        string damaged = Path.Combine(project.Root, "damaged.safetensors");
        File.WriteAllBytes(damaged, [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. data]);
        string says = $"error: {damaged}: metadata 'sha256' is missing: an RnnPlayground file always carries its checksum, so this one was edited or damaged\n";
        RnnplayResult eval = project.Run("eval", script, "--checkpoint", damaged);
        Assert.That((eval.ExitCode, eval.Stderr), Is.EqualTo((1, says)), eval.ToString());
        RnnplayResult resume = project.Run("run", script, "--headless", "--out", project.Output("again"), "--resume", damaged);
        Assert.That((resume.ExitCode, resume.Stderr), Is.EqualTo((1, says)), resume.ToString());

        // A plain safetensors file (no format, no checksum, as PyTorch writes): weights only, said so.
        header["__metadata__"]!.AsObject().Remove("format");
        h = Encoding.UTF8.GetBytes(header.ToJsonString());
        string plain = Path.Combine(project.Root, "plain.safetensors");
        File.WriteAllBytes(plain, [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. bytes[(8 + length)..]]);
        RnnplayResult weights = project.Run("eval", script, "--checkpoint", plain);
        Assert.That(weights.ExitCode, Is.EqualTo(0), weights.ToString());
        Assert.That(weights.Stderr, Does.StartWith($"note: {plain} has no RnnPlayground checksum over its header").And.Contain("loaded as weights only"));
        RnnplayResult resumePlain = project.Run("run", script, "--headless", "--out", project.Output("plain"), "--resume", plain);
        Assert.That((resumePlain.ExitCode, resumePlain.Stderr), Is.EqualTo((1, $"error: {plain}: metadata 'format' is missing: not an RnnPlayground training checkpoint (a weights file from elsewhere can only be evaluated)\n")));

        RnnplayResult device = project.Run("eval", script, "--checkpoint", "/dev/zero");
        Assert.That((device.ExitCode, device.Stderr), Is.EqualTo((1, "error: /dev/zero: is empty or not a regular file (a device or a pipe); a checkpoint is a regular file\n")), device.ToString());
        string fifo = Path.Combine(project.Root, "pipe.safetensors");
        using (Process mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        RnnplayResult pipe = project.Run("run", script, "--headless", "--out", project.Output("pipe"), "--resume", fifo);
        Assert.That((pipe.ExitCode, pipe.Stderr), Is.EqualTo((1, $"error: {fifo}: is empty or not a regular file (a device or a pipe); a checkpoint is a regular file\n")), pipe.ToString());
    }
}
