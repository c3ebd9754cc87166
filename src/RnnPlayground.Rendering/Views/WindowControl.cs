namespace RnnPlayground.Rendering.Views;

/// <summary>The main controls of the window, as its on-screen buttons (and keys) ask for them; the host carries them out.</summary>
public enum WindowControl
{
    /// <summary>Pause or resume the simulation (Space).</summary>
    PauseResume,

    /// <summary>Halve the learning rate ([).</summary>
    HalveLearningRate,

    /// <summary>Double the learning rate (]).</summary>
    DoubleLearningRate,

    /// <summary>Clipping off / on (C).</summary>
    ToggleClipping,

    /// <summary>Simulation slower (−).</summary>
    Slower,

    /// <summary>Simulation faster (+).</summary>
    Faster,

    /// <summary>Start the weights afresh from their seeded values without reloading the script (W).</summary>
    ResetWeights,
}
