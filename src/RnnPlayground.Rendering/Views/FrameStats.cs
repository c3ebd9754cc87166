namespace RnnPlayground.Rendering.Views;

/// <summary>What the renderer measured about its own frames, shown in the HUD.</summary>
/// <param name="FramesPerSecond">Frames drawn per second of wall time, recently (NaN before it is known).</param>
/// <param name="FrameMilliseconds">Average CPU+GL time to build and submit one frame, recently.</param>
public readonly record struct FrameStats(double FramesPerSecond, double FrameMilliseconds)
{
    public static FrameStats Unknown => new(double.NaN, double.NaN);
}
