namespace RnnPlayground.App;

/// <summary>What a window run measured after its warm-up frames: its size, frames and training steps per second of wall time.</summary>
internal sealed record WindowFigures(int Width, int Height, double FramesPerSecond, double StepsPerSecond);
