using System.Diagnostics;
using static RnnPlayground.App.Tests.LiveWindowTests;

namespace RnnPlayground.App.Tests;

/// <summary>
/// A world written in Lua in the live window, under Xvfb: a reload whose world fails while making
/// its history is refused with the line and the tick, and the last good world keeps running; a
/// world that fails live stops with its line and tick (the banner shows it; the exit code is 1).
/// </summary>
public class LuaWorldWindowTests
{
    private const string Good = """
        calls = 0
        return {
          data = rnn.world{ series = { 'x' }, history = 200, seq = 8,
            observe = function(t, rng)
              calls = calls + 1
              return { x = math.sin(t / 3) + 0.01 * rng:normal() }
            end },
          model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 8 }, rnn.nn.linear{} },
          live = { train_every = 4 },
        }
        """;

    [Test]
    public void AFailingWorldIsRefusedOnReloadAndOneThatFailsLiveStopsWithItsLineAndTick()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) Assert.Ignore("no DISPLAY (run under xvfb-run)");
        if (!File.Exists("/usr/bin/xdotool")) Assert.Ignore("xdotool is not installed");
        string folder = Directory.CreateTempSubdirectory("rnnplay-world-").FullName;
        string script = Path.Combine(folder, "live.lua");
        File.WriteAllText(script, Good);
        (Process started, System.Text.StringBuilder stdout, Task<string> errTask) = StartRnnplay("run", script, "--out", Path.Combine(folder, "out"), "--speed", "max");
        using Process process = started;
        try
        {
            Assert.That(WaitFor(() => Text(stdout).Contains("window open"), 60), $"the window did not open: {Text(stdout)}");
            string window = WaitForWindow();
            File.WriteAllText(script, Good.Replace("return { x = math.sin", "return t == 3 and {} or { x = math.sin", StringComparison.Ordinal));
            Assert.That(WaitFor(() => Text(stdout).Contains("reload failed, still running the last good script"), 30), Text(stdout));
            Assert.That(Text(stdout), Does.Contain("live.lua:4: observe: 'x' is missing (expected a finite number) (tick 3)"));
            File.WriteAllText(script, Good.Replace("calls = calls + 1", "calls = calls + 1 if calls > 250 then error('the spring broke') end", StringComparison.Ordinal));
            Assert.That(WaitFor(() => Text(stdout).Contains("reloaded"), 30), Text(stdout));
            Thread.Sleep(3000); // 50 live ticks at full speed, then the world stops; the window goes on drawing
            Xdotool("key", "--window", window, "Escape");
            Assert.That(process.WaitForExit(30_000), Is.True, "the window did not close on Escape");
            string stderr = errTask.Result;
            Assert.That(process.ExitCode, Is.EqualTo(1), stderr);
            Assert.That(stderr, Does.Contain("live.lua:5: the spring broke (tick 50)"));
            Assert.That(Text(stdout), Does.Contain("the world stopped at tick 50"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        }
    }
}
