using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Tests.Simulation;

/// <summary>The simulation thread's commands. Waits are on conditions or on posted work, with generous timeouts; nothing asserts a speed.</summary>
public class SimulationDriverTests
{
    private sealed class Counter(string name) : ILiveExperiment
    {
        private long _ticks, _trained;

        public string Name => name;

        public long Ticks => Interlocked.Read(ref _ticks);

        public long TrainingSteps => Interlocked.Read(ref _trained);

        public bool Finished { get; set; }

        public Exception? FailWith { get; set; }

        public void Advance()
        {
            if (FailWith is { } e) throw e;
            Interlocked.Increment(ref _ticks);
            Interlocked.Increment(ref _trained);
        }

        public void TrainOnce() => Interlocked.Increment(ref _trained);

        public Snapshot BuildSnapshot(LiveStatus status) =>
            new(status.Sequence, name, TrainingSteps, 0, 0, 0, 0, status.StepsPerSecond, status.Paused, status.TicksPerSecond, null, null,
                new TrainingSnapshot([], [], [], [], [], [], new Dictionary<string, double>()), $"ticks {Ticks}");

        public string Report() => name;
    }

    private static bool WaitFor(Func<bool> condition, int milliseconds = 10_000)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < milliseconds)
        {
            if (condition()) return true;
            Thread.Sleep(2);
        }
        return condition();
    }

    /// <summary>
    /// Waits until the simulation thread has come round to the posted work <paramref name="loops"/>
    /// times: each time, what the loop read before (pause, a replacement) has taken effect.
    /// </summary>
    private static bool LoopsPassed(SimulationDriver driver, int loops = 1)
    {
        for (int i = 0; i < loops; i++)
        {
            var reached = new ManualResetEventSlim(); // not disposed: after a timeout the loop may still set it
            driver.Post(reached.Set);
            if (!reached.Wait(TimeSpan.FromSeconds(10))) return false;
        }
        return true;
    }

    [Test]
    public void TicksAdvanceWhileRunningAndStopWhenPaused()
    {
        var c = new Counter("a");
        using var d = new SimulationDriver(c, 1000);
        d.Start();
        Assert.That(WaitFor(() => c.Ticks > 20), Is.True);
        d.Paused = true;
        Assert.That(LoopsPassed(d), Is.True, "the loop has seen the pause");
        long paused = c.Ticks;
        Assert.That(LoopsPassed(d, 3), Is.True);
        Assert.That(c.Ticks, Is.EqualTo(paused), "no ticks while paused");
        d.StepOnce();
        Assert.That(WaitFor(() => c.TrainingSteps == paused + 1), Is.True, "N trains exactly once");
        Assert.That(c.Ticks, Is.EqualTo(paused), "…without a tick");
        d.RequestSnapshot();
        Assert.That(WaitFor(() => d.Latest is { Paused: true } s && s.Message == $"ticks {paused}"), Is.True);
    }

    [Test]
    public void SpeedMovesAlongTheLadderAndAReplacementTakesOver()
    {
        var a = new Counter("a");
        var b = new Counter("b");
        using var d = new SimulationDriver(a, 48);
        d.Faster();
        Assert.That(d.TicksPerSecond, Is.EqualTo(96));
        d.Slower();
        d.Slower();
        Assert.That(d.TicksPerSecond, Is.EqualTo(24));
        d.TicksPerSecond = double.PositiveInfinity;
        d.Start();
        Assert.That(WaitFor(() => a.Ticks > 100), Is.True, "as fast as possible");
        d.Replace(b);
        Assert.That(WaitFor(() => ReferenceEquals(d.Experiment, b) && b.Ticks > 0), Is.True);
        long aTicks = a.Ticks;
        Assert.That(LoopsPassed(d, 3), Is.True);
        Assert.That(a.Ticks, Is.EqualTo(aTicks), "the replaced experiment is no longer advanced");
        d.RequestSnapshot();
        Assert.That(WaitFor(() => d.Latest?.ScriptName == "b"), Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.TicksPerSecond = 0);
    }

    [Test]
    public void AnExceptionOnTheSimulationThreadIsKeptAndEndsIt()
    {
        var c = new Counter("a") { FailWith = new InvalidOperationException("boom") };
        using var d = new SimulationDriver(c, 1000);
        d.Start();
        Assert.That(WaitFor(() => !d.IsRunning), Is.True);
        Assert.That(d.Error, Is.TypeOf<InvalidOperationException>().And.Message.EqualTo("boom"));
    }

    [Test]
    public void PostedWorkRunsOnTheSimulationThreadInOrderAndBeforeItEnds()
    {
        var c = new Counter("a");
        using var d = new SimulationDriver(c, double.PositiveInfinity);
        int simulationThread = 0;
        var ran = new List<(string What, int Thread)>();
        using var first = new ManualResetEventSlim();
        d.Post(() => simulationThread = Environment.CurrentManagedThreadId); // queued before the start
        d.Start();
        d.Post(() =>
        {
            ran.Add(("one", Environment.CurrentManagedThreadId));
            first.Set();
        });
        Assert.That(first.Wait(TimeSpan.FromSeconds(10)), Is.True);
        d.Post(() => ran.Add(("two", Environment.CurrentManagedThreadId)));
        d.Stop(); // returns after the work posted before it
        Assert.That(simulationThread, Is.Not.Zero.And.Not.EqualTo(Environment.CurrentManagedThreadId));
        Assert.That(ran, Is.EqualTo(new[] { ("one", simulationThread), ("two", simulationThread) }));
    }

    [Test]
    public void AfterAFailureTheThreadStillRunsPostedWorkUntilStopped()
    {
        var c = new Counter("a") { FailWith = new InvalidOperationException("boom") };
        using var d = new SimulationDriver(c, 1000);
        int simulationThread = 0, ranOn = 0;
        d.Post(() => simulationThread = Environment.CurrentManagedThreadId);
        d.Start();
        Assert.That(WaitFor(() => !d.IsRunning), Is.True);
        d.Post(() => ranOn = Environment.CurrentManagedThreadId);
        d.Stop();
        Assert.That(ranOn, Is.EqualTo(simulationThread).And.Not.Zero);
        Assert.That(d.Error!.Message, Is.EqualTo("boom"), "the first failure is kept");
    }

    [Test]
    public void WithoutAThreadPostedWorkRunsOnTheCallerAtStop()
    {
        using var d = new SimulationDriver(new Counter("a"), 10);
        int ranOn = 0;
        d.Post(() => ranOn = Environment.CurrentManagedThreadId);
        Assert.That(ranOn, Is.Zero, "not before Stop");
        d.Stop();
        Assert.That(ranOn, Is.EqualTo(Environment.CurrentManagedThreadId));
    }
}
