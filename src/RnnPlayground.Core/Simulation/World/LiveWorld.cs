using System.Collections.Concurrent;
using RnnPlayground.Core.Data;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A live loop's <see cref="WeatherSimulator"/> and the changes made to it: requested ones
/// (<see cref="Request"/>, any thread) and scheduled ones (at the start of their live day) are
/// applied by the simulation thread in <see cref="ApplyPending"/> at the start of a tick, in the
/// order they came, and logged (<see cref="Changes"/>) with the hour they took effect — so the
/// same schedule of changes by simulated time gives the same world.
/// </summary>
public sealed class LiveWorld : ILiveWorld
{
    private readonly ConcurrentQueue<WorldChange> _requests = new();
    private readonly ScheduledWorldChange[] _schedule;
    private readonly List<WorldChangeRecord> _changes = [];
    private int _nextScheduled;

    public LiveWorld(WeatherSimulator simulator, IReadOnlyList<ScheduledWorldChange>? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Simulator = simulator;
        InitialClimate = simulator.Climate;
        _schedule = (schedule ?? []).OrderBy(s => s.Day).ToArray();
        foreach (ScheduledWorldChange s in _schedule)
            if (s.Day < 0) throw new ArgumentOutOfRangeException(nameof(schedule), s.Day, "a scheduled change's day must be ≥ 0");
    }

    public WeatherSimulator Simulator { get; }

    public WeatherClimate Climate => Volatile.Read(ref _climate) ?? InitialClimate;

    private WeatherClimate? _climate;

    public WeatherClimate InitialClimate { get; }

    /// <summary>Every change made so far, oldest first (read on the simulation thread).</summary>
    public IReadOnlyList<WorldChangeRecord> Changes => _changes;

    public void Request(WorldChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Climate is { } c) c.ApplyTo(Climate).Validate();
        _requests.Enqueue(change);
    }

    /// <summary>Applies the changes due at the start of live hour <paramref name="hour"/> (of live day <paramref name="day"/>); true when any was.</summary>
    public bool ApplyPending(long hour, long day, bool dayStart)
    {
        bool any = false;
        while (dayStart && _nextScheduled < _schedule.Length && _schedule[_nextScheduled].Day <= day)
        {
            Apply(_schedule[_nextScheduled++].Change, hour, day);
            any = true;
        }
        while (_requests.TryDequeue(out WorldChange? change))
        {
            Apply(change, hour, day);
            any = true;
        }
        return any;
    }

    private void Apply(WorldChange change, long hour, long day)
    {
        string description;
        bool changedClimate = false;
        if (change.Event is { } e)
        {
            Simulator.Inject(e);
            description = e.ToString();
        }
        else
        {
            WeatherClimate before = Simulator.Climate;
            WeatherClimate after = change.Climate!.ApplyTo(before);
            try
            {
                Simulator.ChangeClimate(after);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                _changes.Add(new WorldChangeRecord(hour, day, $"climate change refused: {ex.Message.Split('\n')[0]}"));
                return;
            }
            Volatile.Write(ref _climate, after);
            description = "climate: " + change.Climate.Describe(before);
            changedClimate = true;
        }
        _changes.Add(new WorldChangeRecord(hour, day, description, changedClimate));
    }

    /// <summary>The changes as chart markers.</summary>
    public IReadOnlyList<WorldMarker> Markers() => _changes.Select(c => new WorldMarker(c.Hour, c.Description)).ToArray();
}
