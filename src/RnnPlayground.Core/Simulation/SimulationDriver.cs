using System.Collections.Concurrent;
using System.Diagnostics;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// Runs an <see cref="ILiveExperiment"/> on its own thread with a fixed-timestep clock: ticks are
/// due at <see cref="TicksPerSecond"/> (adjustable live; pausing stops the clock), and an
/// immutable <see cref="Snapshot"/> is published by swapping one reference when a reader asks
/// for one (<see cref="RequestSnapshot"/>, e.g. once per drawn frame) and at most
/// <see cref="PublishInterval"/> apart, so a renderer can read the latest without ever blocking
/// the training, and the training spends nothing on pictures nobody looks at. Commands (pause, single step, speed, replacing the experiment,
/// work posted with <see cref="Post"/>) are taken between ticks, so an experiment that is not thread-safe (a Lua
/// script) is only ever touched by the simulation thread. An exception on the simulation thread stops the
/// simulation and is kept in <see cref="Error"/>; the thread still runs posted work until <see cref="Stop"/>.
/// </summary>
public sealed class SimulationDriver : IDisposable
{
    /// <summary>Speeds offered by <see cref="Faster"/> and <see cref="Slower"/> (∞ = as fast as possible).</summary>
    public static IReadOnlyList<double> SpeedLadder { get; } = [1, 2, 4, 8, 12, 24, 48, 96, 240, 480, 960, 2400, double.PositiveInfinity];

    private readonly object _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<TrainingControl> _controls = new();
    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<Action> _commands = new();
    private Thread? _thread;
    private ILiveExperiment _experiment;
    private ILiveExperiment? _replacement;
    private Snapshot? _latest;
    private volatile bool _running;
    private volatile bool _stopRequested;
    private volatile bool _paused;
    private volatile bool _snapshotRequested;
    private int _singleSteps;
    private double _ticksPerSecond;
    private long _sequence;
    private long _snapshotTicks;

    public SimulationDriver(ILiveExperiment experiment, double ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (!(ticksPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(ticksPerSecond), ticksPerSecond, "must be > 0");
        _experiment = experiment;
        _ticksPerSecond = ticksPerSecond;
    }

    /// <summary>Runs first on the simulation thread (e.g. to give it a core of its own).</summary>
    public Action? ThreadStarted { get; init; }

    /// <summary>How often a snapshot is published at most.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>The latest published snapshot (null before the first).</summary>
    public Snapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>The experiment being run (changes after <see cref="Replace"/>).</summary>
    public ILiveExperiment Experiment => Volatile.Read(ref _experiment);

    /// <summary>What stopped the simulation thread, if it failed.</summary>
    public Exception? Error { get; private set; }

    public bool IsRunning => _running;

    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>Simulation speed in ticks per second (∞ runs as fast as possible).</summary>
    public double TicksPerSecond
    {
        get => Volatile.Read(ref _ticksPerSecond);
        set
        {
            if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(TicksPerSecond), value, "must be > 0");
            Volatile.Write(ref _ticksPerSecond, value);
        }
    }

    /// <summary>Next speed up the ladder.</summary>
    public void Faster() => TicksPerSecond = SpeedLadder.FirstOrDefault(s => s > TicksPerSecond, SpeedLadder[^1]);

    /// <summary>Next speed down the ladder.</summary>
    public void Slower() => TicksPerSecond = SpeedLadder.LastOrDefault(s => s < TicksPerSecond, SpeedLadder[0]);

    /// <summary>While paused: one training step (forward, backward through time, update), then a snapshot.</summary>
    public void StepOnce() => Interlocked.Increment(ref _singleSteps);

    /// <summary>Raised on the simulation thread with what a <see cref="Control"/> changed.</summary>
    public event Action<string>? ControlApplied;

    /// <summary>Changes the training (learning rate, clipping) at the next safe point, on the simulation thread.</summary>
    public void Control(TrainingControl control)
    {
        _controls.Enqueue(control);
        _snapshotRequested = true;
    }

    /// <summary>Asks for a new snapshot (a renderer calls this once per frame; a screenshot too).</summary>
    public void RequestSnapshot() => _snapshotRequested = true;

    /// <summary>Swaps in another experiment (a reloaded script) at the next safe point.</summary>
    public void Replace(ILiveExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        Volatile.Write(ref _replacement, experiment);
    }

    /// <summary>
    /// Runs <paramref name="command"/> on the simulation thread before its next tick (in the order
    /// posted); work posted before <see cref="Stop"/> still runs before the thread ends. Before
    /// <see cref="Start"/> (or when it was never called) <see cref="Stop"/> runs it on the caller.
    /// An exception from it stops the simulation like one from a tick.
    /// </summary>
    public void Post(Action command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Enqueue(command);
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_thread is not null) throw new InvalidOperationException("the simulation is already running");
            _running = true;
            _thread = new Thread(Loop) { IsBackground = true, Name = "simulation" };
            _thread.Start();
        }
    }

    /// <summary>Stops the simulation; returns once the thread has run the posted work and ended.</summary>
    public void Stop()
    {
        _stopRequested = true;
        _running = false;
        Thread? thread;
        lock (_gate) thread = _thread;
        if (thread is null) RunRemainingCommands(); // never started: the caller's thread owns the experiment
        else thread.Join();
    }

    public void Dispose() => Stop();

    /// <summary>Snapshots published so far.</summary>
    public long SnapshotsPublished => Interlocked.Read(ref _sequence);

    /// <summary>Seconds the simulation thread has spent building snapshots (time not spent training).</summary>
    public double SnapshotSeconds => (double)Interlocked.Read(ref _snapshotTicks) / Stopwatch.Frequency;

    private void Publish(ILiveExperiment experiment, double stepsPerSecond, double ticksPerSecond)
    {
        long start = Stopwatch.GetTimestamp();
        var status = new LiveStatus(_sequence + 1, _paused, TicksPerSecond, stepsPerSecond, ticksPerSecond);
        Volatile.Write(ref _latest, experiment.BuildSnapshot(status));
        Interlocked.Increment(ref _sequence);
        Interlocked.Add(ref _snapshotTicks, Stopwatch.GetTimestamp() - start);
    }

    private void Loop()
    {
        try
        {
            ThreadStarted?.Invoke();
            _clock.Start();
            double due = 0;
            double lastTime = 0, lastPublish = double.NegativeInfinity;
            long stepsAtRate = 0, ticksAtRate = 0;
            double rateStart = 0, stepsPerSecond = 0, ticksPerSecond = 0;
            ILiveExperiment experiment = _experiment;
            stepsAtRate = experiment.TrainingSteps;
            ticksAtRate = experiment.Ticks;
            Publish(experiment, 0, 0);
            while (_running)
            {
                RunCommands();
                if (Interlocked.Exchange(ref _replacement, null) is { } next)
                {
                    experiment = next;
                    Volatile.Write(ref _experiment, next);
                    due = 0;
                    stepsAtRate = next.TrainingSteps;
                    ticksAtRate = next.Ticks;
                    Publish(experiment, 0, 0);
                }
                while (_controls.TryDequeue(out TrainingControl control))
                {
                    if (experiment.Apply(control) is { } change) ControlApplied?.Invoke(change);
                    _snapshotRequested = true;
                }
                double now = _clock.Elapsed.TotalSeconds;
                double dt = now - lastTime;
                lastTime = now;
                bool worked = false;
                if (Interlocked.Exchange(ref _singleSteps, 0) is > 0 and var n)
                {
                    for (int i = 0; i < n; i++) experiment.TrainOnce();
                    worked = true;
                    _snapshotRequested = true;
                }
                if (!_paused && !experiment.Finished)
                {
                    double rate = TicksPerSecond;
                    if (double.IsPositiveInfinity(rate))
                    {
                        // As fast as possible, but come up for air to publish and take commands.
                        double until = now + PublishInterval.TotalSeconds;
                        do experiment.Advance();
                        while (_clock.Elapsed.TotalSeconds < until && !experiment.Finished);
                        worked = true;
                        due = 0;
                    }
                    else
                    {
                        due = Math.Min(due + dt * rate, Math.Max(1, rate * 0.25));
                        while (due >= 1 && !experiment.Finished)
                        {
                            experiment.Advance();
                            due -= 1;
                            worked = true;
                            if (_clock.Elapsed.TotalSeconds - now > 0.1) break; // slower than real time: keep publishing
                        }
                    }
                }
                else
                {
                    due = 0;
                }
                now = _clock.Elapsed.TotalSeconds;
                if (now - rateStart >= 0.5)
                {
                    stepsPerSecond = (experiment.TrainingSteps - stepsAtRate) / (now - rateStart);
                    ticksPerSecond = (experiment.Ticks - ticksAtRate) / (now - rateStart);
                    stepsAtRate = experiment.TrainingSteps;
                    ticksAtRate = experiment.Ticks;
                    rateStart = now;
                }
                if (_snapshotRequested && (now - lastPublish >= PublishInterval.TotalSeconds || !worked))
                {
                    _snapshotRequested = false;
                    Publish(experiment, stepsPerSecond, ticksPerSecond);
                    lastPublish = now;
                }
                if (!worked) Thread.Sleep(_paused || experiment.Finished ? 5 : 1);
            }
        }
        catch (Exception e)
        {
            Error = e;
            _running = false;
            while (!_stopRequested)
            {
                RunRemainingCommands();
                Thread.Sleep(5);
            }
        }
        RunRemainingCommands();
    }

    /// <summary>Runs the posted work; an exception from it propagates (it stops the simulation).</summary>
    private void RunCommands()
    {
        while (_commands.TryDequeue(out Action? command)) command();
    }

    /// <summary>Runs the posted work once ticking has ended; the first failure is kept in <see cref="Error"/>.</summary>
    private void RunRemainingCommands()
    {
        while (_commands.TryDequeue(out Action? command))
        {
            try
            {
                command();
            }
            catch (Exception e)
            {
                Error ??= e;
            }
        }
    }
}
