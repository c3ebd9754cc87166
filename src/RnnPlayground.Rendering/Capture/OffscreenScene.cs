using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Capture;

/// <summary>
/// The scene rendered with no display at all (EGL offscreen) into images: for PNG snapshots and
/// <c>--record</c> frame sequences. Create, use and dispose it on one thread.
/// </summary>
/// <example>
/// <code>
/// using var scene = new OffscreenScene(1280, 800);
/// var recorder = new FrameSequenceRecorder("runs/frames");
/// recorder.Write(scene.Render(latestSnapshot));   // runs/frames/frame_00001.png
/// </code>
/// </example>
public sealed class OffscreenScene : IDisposable
{
    private readonly EglOffscreenContext _context;
    private readonly SceneRenderer _scene;
    private bool _disposed;

    /// <exception cref="GraphicsUnavailableException">EGL/Mesa cannot give an offscreen context here.</exception>
    public OffscreenScene(int width, int height, GlyphAtlas? atlas = null)
    {
        _context = new EglOffscreenContext(width, height);
        try
        {
            _scene = new SceneRenderer(_context.Gl, atlas);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
    }

    public int Width => _context.Width;

    public int Height => _context.Height;

    /// <inheritdoc cref="SceneRenderer.UserScale"/>
    public float UserScale
    {
        get => _scene.UserScale;
        set => _scene.UserScale = value;
    }

    /// <summary>What the latest picture's layout had to cut (see <see cref="LayoutReport"/>).</summary>
    public IReadOnlyList<string> LayoutProblems() => _scene.LayoutProblems();

    /// <summary>The variants panel of the latest frame (null without one).</summary>
    public ComparisonLayout? LastComparisonLayout => _scene.LastComparisonLayout;

    /// <inheritdoc cref="ControlBar.Available"/>
    public IReadOnlyList<WindowControl> AvailableControls
    {
        get => _scene.Inspector.Controls.Available;
        set => _scene.Inspector.Controls.Available = value;
    }

    /// <summary>The panel drawn (all by default).</summary>
    public ViewPanel Panel
    {
        get => _scene.Panel;
        set => _scene.Panel = value;
    }

    /// <summary>Draws <paramref name="snapshot"/> and returns the picture (rows top to bottom).</summary>
    public RgbaImage Render(Snapshot? snapshot, FrameStats? stats = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _context.MakeCurrent();
        _scene.Render(snapshot, _context.Width, _context.Height, stats ?? FrameStats.Unknown);
        _context.SwapBuffers();
        return FrameCapture.ReadRgba(_context.Gl, _context.Width, _context.Height);
    }

    /// <summary>Draws <paramref name="snapshot"/> into a PNG at <paramref name="path"/>.</summary>
    public void SavePng(Snapshot? snapshot, string path) => PngFile.Write(path, Render(snapshot));

    /// <summary>Changes the picture size (e.g. for a different output resolution).</summary>
    public void Resize(int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _context.MakeCurrent();
        _context.Resize(width, height);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _context.MakeCurrent();
        _scene.Dispose();
        _context.Dispose();
    }
}
