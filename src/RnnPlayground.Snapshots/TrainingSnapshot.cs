namespace RnnPlayground.Snapshots;

/// <summary>Training curves and classification results so far.</summary>
/// <param name="LossHistory">Training loss per logged step, oldest first.</param>
/// <param name="ValidationHistory">Validation loss per evaluation, oldest first; spans the same run as <paramref name="LossHistory"/>.</param>
/// <param name="Confusion">Row-major [actual, predicted] counts over <see cref="ClassNames"/>, or empty.</param>
/// <param name="ClipThreshold">Max gradient norm used for clipping, or NaN when training does not clip.</param>
public sealed record TrainingSnapshot(
    float[] LossHistory,
    float[] ValidationHistory,
    float[] LearningRateHistory,
    float[] GradientNormHistory,
    IReadOnlyList<string> ClassNames,
    int[] Confusion,
    IReadOnlyDictionary<string, double> Metrics,
    float ClipThreshold = float.NaN);
