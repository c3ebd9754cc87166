using System.Diagnostics;
using System.Globalization;
using System.Text;
using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Loop;

/// <summary>
/// Where the frames of a <see cref="WindowLoop"/> spend their time (<c>rnnplay run … --frame-profile</c>):
/// wall milliseconds per <see cref="FramePhase"/>, what a frame drew (shapes, glyphs, background
/// fills, draw calls), bytes the frame path allocated, garbage collections, and the CPU time of
/// every thread of the process (the simulation thread's share is the training's). Frames before
/// <see cref="WarmupFrames"/> (context, glyph atlas and JIT warm-up) are not counted. Used on the
/// loop's thread only.
/// </summary>
public sealed class FrameProfile
{
    private static readonly int PhaseCount = Enum.GetValues<FramePhase>().Length;

    private readonly long[] _ticks = new long[PhaseCount];
    private readonly long[] _maxTicks = new long[PhaseCount];
    private readonly long[] _cpuNanoseconds = new long[PhaseCount];
    private long _frameStart, _cpuStart;
    private long _shapes, _glyphs, _backgrounds, _drawCalls, _submittedQuads;
    private double _redrawnPixels;
    private double _shapePixels, _glyphPixels, _framePixels;
    private long _firstTimestamp, _lastTimestamp;
    private long _allocatedAtStart, _allocated;
    private readonly int[] _collectionsAtStart = new int[3];
    private IReadOnlyDictionary<string, double> _cpuAtStart = new Dictionary<string, double>();
    private IReadOnlyDictionary<string, double>? _cpuAtEnd;
    private long _workTicks;
    private float[] _workMilliseconds = new float[4096];

    /// <param name="warmupFrames">Frames left out at the start.</param>
    public FrameProfile(int warmupFrames = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupFrames);
        WarmupFrames = warmupFrames;
    }

    public int WarmupFrames { get; }

    /// <summary>A frame's budget in milliseconds (the loop sets it from its frame cap; 0: none), for the frames the report counts as over it.</summary>
    public double BudgetMilliseconds { get; set; }

    /// <summary>Frames seen, warm-up included.</summary>
    public long FramesSeen { get; private set; }

    /// <summary>Frames counted (after the warm-up).</summary>
    public long FramesCounted => Math.Max(0, FramesSeen - WarmupFrames);

    /// <summary>Whether the current frame is counted.</summary>
    private bool Counting => FramesSeen >= WarmupFrames;

    /// <summary>Mean wall milliseconds per counted frame spent in <paramref name="phase"/>.</summary>
    public double MillisecondsPerFrame(FramePhase phase) =>
        FramesCounted == 0 ? double.NaN : _ticks[(int)phase] * 1000.0 / Stopwatch.Frequency / FramesCounted;

    /// <summary>Managed bytes the loop's thread allocated per counted frame.</summary>
    public double AllocatedBytesPerFrame => FramesCounted == 0 ? double.NaN : (double)_allocated / FramesCounted;

    /// <summary>Called by the loop as a frame begins.</summary>
    public void FrameStarted(long timestamp)
    {
        _frameStart = timestamp;
        _cpuStart = ThreadCpuClock.Nanoseconds();
        if (FramesSeen == WarmupFrames)
        {
            _firstTimestamp = timestamp;
            _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
            for (var g = 0; g < 3; g++)
            {
                _collectionsAtStart[g] = GC.CollectionCount(g);
            }

            _cpuAtStart = ThreadCpuTimes.Take();
        }
    }

    /// <summary>Called by the loop when <paramref name="phase"/> ended at <paramref name="timestamp"/>; it began where the previous phase ended.</summary>
    public void PhaseEnded(FramePhase phase, long timestamp) => PhaseEnded(phase, timestamp, ThreadCpuClock.Nanoseconds());

    /// <summary>As <see cref="PhaseEnded(FramePhase, long)"/>, for a phase that ended earlier, when the thread's CPU clock read <paramref name="cpu"/> (<see cref="ThreadCpuClock.Nanoseconds"/>).</summary>
    public void PhaseEnded(FramePhase phase, long timestamp, long cpu)
    {
        if (Counting)
        {
            var span = timestamp - _frameStart;
            _ticks[(int)phase] += span;
            _maxTicks[(int)phase] = Math.Max(_maxTicks[(int)phase], span);
            _cpuNanoseconds[(int)phase] += cpu - _cpuStart;
            if (phase != FramePhase.Pace)
            {
                _workTicks += span;
            }
        }

        _frameStart = timestamp;
        _cpuStart = cpu;
    }

    /// <summary>Mean CPU milliseconds of the loop's thread per counted frame in <paramref name="phase"/> (0 where not measurable).</summary>
    public double CpuMillisecondsPerFrame(FramePhase phase) =>
        FramesCounted == 0 ? double.NaN : _cpuNanoseconds[(int)phase] / 1e6 / FramesCounted;

    /// <summary>
    /// Called by the loop as a frame ends, with what it drew into a <paramref name="width"/>×<paramref name="height"/>
    /// framebuffer: the pixels it drew again (the rest kept from the previous frame) and the quads its draw calls
    /// submitted (a redrawn part's fills, and an item once for each part it touches).
    /// </summary>
    public void FrameEnded(DrawList list, int drawCalls, int width, int height, long redrawnPixels, int submittedQuads)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (Counting)
        {
            _submittedQuads += submittedQuads;
            _shapes += list.ShapeCount;
            _glyphs += list.GlyphCount;
            _backgrounds += list.Backgrounds.Count;
            _drawCalls += drawCalls;
            var (shapePixels, glyphPixels) = list.CoveredPixels();
            _shapePixels += shapePixels;
            _glyphPixels += glyphPixels;
            _framePixels += (double)width * height;
            _redrawnPixels += redrawnPixels;
            _lastTimestamp = _frameStart;
            _allocated = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart;
            var counted = FramesCounted;
            if (counted == _workMilliseconds.Length)
            {
                Array.Resize(ref _workMilliseconds, _workMilliseconds.Length * 2);
            }

            _workMilliseconds[counted] = (float)(_workTicks * 1000.0 / Stopwatch.Frequency);
        }

        _workTicks = 0;
        FramesSeen++;
    }

    /// <summary>Takes the threads' CPU times for <see cref="Report"/> now (call it as the loop ends, while the other threads still run).</summary>
    public void Finish() => _cpuAtEnd = ThreadCpuTimes.Take();

    /// <summary>
    /// How a frame's work (every phase but the pacing sleep) spreads over the frames: its median and
    /// the times 90 % and 99 % of frames stay under, with the frames over <paramref name="budget"/>
    /// milliseconds when there is one: a mean under the budget still misses the cap when many frames
    /// run over it.
    /// </summary>
    internal static string WorkLine(ReadOnlySpan<float> workMilliseconds, double budget)
    {
        var sorted = workMilliseconds.ToArray();
        Array.Sort(sorted);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        var line = Line($"  frame work (all but pacing): median {At(0.5):F1} ms, 90 % under {At(0.9):F1}, 99 % under {At(0.99):F1}, longest {sorted[^1]:F1}");
        if (budget <= 0)
        {
            return line;
        }

        var over = sorted.Count(ms => ms > budget);
        return line + Line($"; {over} of {sorted.Length} frames ({(double)over / sorted.Length:P0}) over the {budget:F1} ms budget");
    }

    /// <summary>The breakdown as lines of text (nothing counted yet: one line saying so).</summary>
    public IReadOnlyList<string> Report()
    {
        var n = FramesCounted;
        if (n < 2)
        {
            return [$"frame profile: only {FramesSeen} frames, {WarmupFrames} of them warm-up; run longer (--seconds)"];
        }

        var seconds = (double)(_lastTimestamp - _firstTimestamp) / Stopwatch.Frequency;
        var lines = new List<string>
        {
            Line($"frame profile: {n} frames after {WarmupFrames} warm-up in {seconds:F1} s, {n / seconds:F1} FPS"),
            Line($"  {"phase",-24} {"wall ms",8} {"max ms",8} {"share",6} {"CPU ms",8}"),
        };
        var frameMs = seconds * 1000 / n;
        foreach (var phase in Enum.GetValues<FramePhase>())
        {
            var ms = MillisecondsPerFrame(phase);
            var max = _maxTicks[(int)phase] * 1000.0 / Stopwatch.Frequency;
            lines.Add(Line($"  {Describe(phase),-24} {ms,8:F2} {max,8:F1} {ms / frameMs,6:P0} {CpuMillisecondsPerFrame(phase),8:F2}"));
        }

        var cpuTotal = Enum.GetValues<FramePhase>().Sum(CpuMillisecondsPerFrame);
        lines.Add(Line($"  {"whole frame",-24} {frameMs,8:F2} {"",8} {"",6} {cpuTotal,8:F2}  (CPU: the loop thread's own; at most {1000 / cpuTotal:F0} FPS on a free core)"));

        lines.Add(WorkLine(_workMilliseconds.AsSpan(0, (int)n), BudgetMilliseconds));
        lines.Add(Line($"  per frame: {_shapes / n} shapes, {_glyphs / n} glyphs, {_backgrounds / n} background fills, {(double)_drawCalls / n:F1} draw calls submitting {_submittedQuads / n} quads; {AllocatedBytesPerFrame:F0} bytes allocated"));
        lines.Add(Line($"  quads cover {_shapePixels / _framePixels:F2}× the frame's pixels in shapes and {_glyphPixels / _framePixels:F2}× in glyphs ({_framePixels / n / 1e6:F2} Mpx a frame); {_redrawnPixels / _framePixels:P0} of the frame's pixels drawn again, the rest kept from the frame before"));
        lines.Add(Line($"  garbage collections while counted: gen0 {GC.CollectionCount(0) - _collectionsAtStart[0]}, gen1 {GC.CollectionCount(1) - _collectionsAtStart[1]}, gen2 {GC.CollectionCount(2) - _collectionsAtStart[2]}"));
        lines.Add("  " + CpuLine(_cpuAtStart, _cpuAtEnd ?? ThreadCpuTimes.Take(), seconds));
        return lines;
    }

    /// <summary>"CPU (cores busy): main 0.41, simulation 0.97, …" between two <see cref="ThreadCpuTimes.Take"/>s, busiest first.</summary>
    public static string CpuLine(IReadOnlyDictionary<string, double> start, IReadOnlyDictionary<string, double> end, double seconds)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (end.Count == 0 || !(seconds > 0))
        {
            return "CPU per thread: not available here";
        }

        var used = end.Select(e => (e.Key, Cores: (e.Value - start.GetValueOrDefault(e.Key)) / seconds))
            .Where(e => e.Cores >= 0.005)
            .OrderByDescending(e => e.Cores)
            .ToList();
        var text = new StringBuilder("CPU per thread (cores busy):");
        foreach (var (name, cores) in used)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name} {cores:F2},");
        }

        text.Append(CultureInfo.InvariantCulture, $" total {used.Sum(e => e.Cores):F2}");
        return text.ToString();
    }

    private static string Describe(FramePhase phase) => phase switch
    {
        FramePhase.Events => "events",
        FramePhase.Snapshot => "snapshot (take)",
        FramePhase.Build => "build (layout, text)",
        FramePhase.Tiles => "tiles (hash, changed)",
        FramePhase.Submit => "submit (GL calls)",
        FramePhase.Raster => "raster (glFinish)",
        FramePhase.Swap => "swap",
        _ => "pace (sleep to cap)",
    };

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
