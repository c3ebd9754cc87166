namespace RnnPlayground.Core.Simulation;

/// <summary>A change a presenter makes to a running experiment's training without resetting it.</summary>
public enum TrainingControl
{
    HalveLearningRate,
    DoubleLearningRate,

    /// <summary>Clipping off, or back on at the last threshold (1 if there was none).</summary>
    ToggleClipping,
    HalveClipThreshold,
    DoubleClipThreshold,
}
