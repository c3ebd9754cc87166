using System.Diagnostics;
using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Loop;

/// <summary>
/// The render loop of a window (or an offscreen context): poll input, take the latest snapshot
/// (never waiting for the producer), draw the scene, swap; at the display's rate, or at most
/// <see cref="MaxFramesPerSecond"/>. Tab cycles the panels and Ctrl+= / Ctrl+− change the
/// presentation scale here; the pointer moves the scene's tooltip, a click pins a unit (Esc lets it
/// go) or presses a button, raised through <see cref="ControlClicked"/>; every other input event is
/// also raised through <see cref="Input"/> for the caller to map (pause, step, speed, reload,
/// screenshot, quit).
/// Run it on the thread that created the context.
/// </summary>
public sealed class WindowLoop
{
    private readonly IGraphicsContext _context;
    private readonly SceneRenderer _scene;
    private readonly Func<Snapshot?> _latestSnapshot;
    private string? _screenshotPath;
    private volatile bool _stopRequested;
    private long _nextFrameDue;

    public WindowLoop(IGraphicsContext context, SceneRenderer scene, Func<Snapshot?> latestSnapshot)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(latestSnapshot);
        _context = context;
        _scene = scene;
        _latestSnapshot = latestSnapshot;
    }

    /// <summary>Raised on the loop's thread for each key press and resize.</summary>
    public event Action<InputEvent>? Input;

    /// <summary>Raised on the loop's thread when an on-screen button was clicked.</summary>
    public event Action<WindowControl>? ControlClicked;

    /// <summary>
    /// Raised on the loop's thread for a left click that did not press a button: what it hit
    /// (null for none), the panel under it (null outside the panels) and the snapshot the clicked frame drew.
    /// </summary>
    public event Action<Inspected?, ViewPanel?, Snapshot?>? Clicked;

    /// <summary>Raised with the path after a requested screenshot was written.</summary>
    public event Action<string>? ScreenshotSaved;

    /// <summary>Upper bound on the frame rate; 0 leaves it to the swap interval (the display's refresh).</summary>
    public double MaxFramesPerSecond
    {
        get;
        set => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "must be >= 0 (0: no cap)");
    }

    public FrameRateCounter FrameRate { get; } = new();

    /// <summary>
    /// Times each frame's phases when set (<c>--frame-profile</c>); it then also waits for the
    /// rasterizer (glFinish) before the swap, so drawing the pixels is told apart from the swap.
    /// </summary>
    public FrameProfile? Profile { get; set; }

    /// <summary>The snapshot drawn by the latest frame.</summary>
    public Snapshot? LastSnapshot { get; private set; }

    /// <summary>Ends <see cref="Run"/> after the current frame; callable from any thread.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>Writes the next frame, as drawn, to <paramref name="path"/> as PNG.</summary>
    public void RequestScreenshot(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _screenshotPath = path;
    }

    /// <summary>Runs frames until the window is closed, <see cref="Stop"/> is called, or <paramref name="cancellation"/> fires.</summary>
    public void Run(CancellationToken cancellation = default)
    {
        _stopRequested = false;
        while (!cancellation.IsCancellationRequested && RunFrame())
        {
        }
    }

    /// <summary>One iteration: events, draw, swap, pacing. Returns false when the loop should end.</summary>
    public bool RunFrame()
    {
        var start = Stopwatch.GetTimestamp();
        var profile = Profile;
        if (profile is not null)
        {
            profile.BudgetMilliseconds = MaxFramesPerSecond > 0 ? 1000.0 / MaxFramesPerSecond : 0;
            profile.FrameStarted(start);
        }

        _context.MakeCurrent();
        foreach (var e in _context.PollEvents())
        {
            if (e is KeyPressed { Key: Key.Tab, IsRepeat: false })
            {
                _scene.CyclePanel();
            }
            else if (e is KeyPressed { Key: Key.Slash, IsRepeat: false })
            {
                _scene.ShowHelp = !_scene.ShowHelp;
            }
            else if (e is PointerMoved moved)
            {
                _scene.PointerAt(moved.X, moved.Y);
                continue;
            }
            else if (e is PointerLeft)
            {
                _scene.Inspector.Pointer = null;
                continue;
            }
            else if (e is PointerPressed { Button: PointerButton.Left } press)
            {
                _scene.PointerAt(press.X, press.Y);
                if (_scene.Click(press.X, press.Y) is { } control)
                {
                    ControlClicked?.Invoke(control);
                }
                else
                {
                    Clicked?.Invoke(_scene.Inspector.LastClicked, _scene.PanelAt(press.X, press.Y), LastSnapshot);
                }

                continue;
            }
            else if (e is KeyPressed { Key: Key.Escape } && _scene.Inspector.Pinned.Unit is not null)
            {
                _scene.Inspector.Pinned.Unpin(); // Esc lets go of a pinned unit before it quits
                continue;
            }
            else if (e is KeyPressed { Key: Key.Plus or Key.Minus, Control: true } zoom)
            {
                // Ctrl+= / Ctrl+−: the presentation scale.
                _scene.UserScale = PresentationScale.Next(_scene.UserScale, larger: zoom.Key == Key.Plus);
                continue;
            }

            Input?.Invoke(e);
        }

        if (_stopRequested || _context.ShouldClose)
        {
            return false;
        }

        profile?.PhaseEnded(FramePhase.Events, Stopwatch.GetTimestamp());
        var snapshot = _latestSnapshot();
        LastSnapshot = snapshot;
        profile?.PhaseEnded(FramePhase.Snapshot, Stopwatch.GetTimestamp());
        if (_context.Width > 0 && _context.Height > 0)
        {
            // A minimised window has a 0×0 framebuffer: nothing to draw, but keep polling.
            _scene.RetainsFrame = _context.RetainsFrame;
            _scene.TimesPhases = profile is not null;
            _scene.Render(snapshot, _context.Width, _context.Height, FrameRate.Stats);
            if (profile is not null)
            {
                profile.PhaseEnded(FramePhase.Build, _scene.SubmitStarted.Timestamp, _scene.SubmitStarted.Cpu);
                profile.PhaseEnded(FramePhase.Tiles, _scene.TilesHashed.Timestamp, _scene.TilesHashed.Cpu);
                profile.PhaseEnded(FramePhase.Submit, Stopwatch.GetTimestamp());
                _context.Gl.Finish();
            }

            if (Interlocked.Exchange(ref _screenshotPath, null) is { } path)
            {
                PngFile.Write(path, FrameCapture.ReadRgba(_context.Gl, _context.Width, _context.Height));
                ScreenshotSaved?.Invoke(path);
            }
        }

        profile?.PhaseEnded(FramePhase.Raster, Stopwatch.GetTimestamp());
        var work = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        _context.SwapBuffers();
        profile?.PhaseEnded(FramePhase.Swap, Stopwatch.GetTimestamp());
        Pace(start);
        FrameRate.FrameEnded(Stopwatch.GetTimestamp(), work);
        if (profile is not null)
        {
            profile.PhaseEnded(FramePhase.Pace, Stopwatch.GetTimestamp());
            profile.FrameEnded(_scene.DrawList, _scene.LastDrawCalls, _context.Width, _context.Height, _scene.LastRedrawnPixels, _scene.LastSubmittedQuads);
        }

        return !_stopRequested && !_context.ShouldClose;
    }

    /// <summary>
    /// Sleeps until the next frame is due. Frames are due at a fixed period from one another, not a
    /// period after each frame began, so a sleep that wakes late (Thread.Sleep keeps to whole
    /// milliseconds and the scheduler adds its own) is made up by the next one, and so is a frame that
    /// ran over its budget by less than a period: the frames after it start without sleeping until the
    /// schedule is met, and the cap is reached on average whenever the frames fit on average. A frame
    /// that ran over by more (a stall) starts the schedule again rather than being followed by a burst.
    /// </summary>
    private void Pace(long frameStart)
    {
        if (MaxFramesPerSecond <= 0)
        {
            _nextFrameDue = 0;
            return;
        }

        var period = (long)(Stopwatch.Frequency / MaxFramesPerSecond);
        var now = Stopwatch.GetTimestamp();
        _nextFrameDue = NextFrameDue(_nextFrameDue, frameStart, now, period);
        var remaining = Stopwatch.GetElapsedTime(now, _nextFrameDue);
        if (remaining > TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(remaining);
        }
    }

    /// <summary>
    /// When the frame after the one that began at <paramref name="frameStart"/> is due, all in
    /// Stopwatch ticks: one <paramref name="period"/> after <paramref name="due"/>, when this frame was
    /// due (0: none yet), so that a frame that began late or early does not move the ones after it and
    /// a debt of up to one period is made up; one period after <paramref name="frameStart"/> when the
    /// schedule was lost (the next frame would be more than a period late at <paramref name="now"/>, or
    /// the schedule runs far ahead of the frames).
    /// </summary>
    internal static long NextFrameDue(long due, long frameStart, long now, long period) =>
        due == 0 || now - (due + period) > period || due - frameStart > 2 * period ? frameStart + period : due + period;
}
