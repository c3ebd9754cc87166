namespace RnnPlayground.Rendering.Loop;

/// <summary>The parts of one frame of <see cref="WindowLoop"/>, in order, as <see cref="FrameProfile"/> times them.</summary>
public enum FramePhase
{
    /// <summary>Polling the window's events and handling keys.</summary>
    Events,

    /// <summary>Taking the latest snapshot (a reference read; the simulation thread builds it).</summary>
    Snapshot,

    /// <summary>Layout and filling the draw list: shapes, text runs, charts, the HUD.</summary>
    Build,

    /// <summary>Hashing the draw list's tiles to find what changed since the previous frame (a retained frame only).</summary>
    Tiles,

    /// <summary>The GL calls: clears, buffer uploads, draw calls (llvmpipe bins the geometry here).</summary>
    Submit,

    /// <summary>Waiting in glFinish for the rasterizer to fill the pixels (only when profiling).</summary>
    Raster,

    /// <summary>Swapping buffers (under Xvfb: copying the frame to the X server).</summary>
    Swap,

    /// <summary>Sleeping to keep to the frame cap.</summary>
    Pace,
}
