namespace RnnPlayground.Core.Simulation;

/// <summary>
/// An immutable picture of a running experiment, published by the training/simulation thread
/// (by swapping one reference) and read by anyone, e.g. the renderer, from another thread.
/// Arrays inside a snapshot are never written after it is published.
/// </summary>
public sealed record Snapshot(
    long Sequence,
    string ScriptName,
    long Step,
    int Epoch,
    double Loss,
    double LearningRate,
    double GradientNorm,
    double StepsPerSecond,
    bool Paused,
    double TicksPerSecond,
    NetworkSnapshot? Network,
    WeatherStreamSnapshot? Weather,
    TrainingSnapshot Training,
    string? Message = null);

/// <summary>
/// The unrolled network for one sample of the current window: <c>T</c> = <see cref="Steps"/> columns,
/// rows = input, each recurrent layer, output. Layer arrays are row-major [T, width].
/// </summary>
/// <param name="CellType">"lstm", "gru", "rnn_tanh" or "rnn_relu".</param>
/// <param name="GateNames">"i","f","g","o" (LSTM), "r","z","n" (GRU), empty for a vanilla RNN.</param>
/// <param name="Inputs">[T, InputSize] inputs of the shown sample (token embeddings for text).</param>
/// <param name="Hidden">Per recurrent layer, [T, H] hidden state (forward direction).</param>
/// <param name="Gates">Per recurrent layer, [T, G·H] post-activation gate values, gate-major within a step.</param>
/// <param name="Outputs">[T, OutputSize]; steps without an output are NaN.</param>
/// <param name="InputWeights">Per recurrent layer, W_ih as [G·H, in] row-major.</param>
/// <param name="RecurrentWeights">Per recurrent layer, W_hh as [G·H, H] row-major.</param>
/// <param name="GradientNormPerStep">[T] 2-norm of dLoss/dh_t over all layers in the latest backward pass (empty before the first).</param>
/// <param name="Clipped">Whether the latest update was clipped.</param>
public sealed record NetworkSnapshot(
    string CellType,
    int Steps,
    int InputSize,
    IReadOnlyList<int> HiddenSizes,
    int OutputSize,
    IReadOnlyList<string> GateNames,
    float[] Inputs,
    IReadOnlyList<float[]> Hidden,
    IReadOnlyList<float[]> Gates,
    float[] Outputs,
    IReadOnlyList<float[]> InputWeights,
    IReadOnlyList<float[]> RecurrentWeights,
    float[] GradientNormPerStep,
    bool Clipped);

/// <summary>One observed variable of a stream over the recent window.</summary>
public sealed record SeriesSnapshot(string Name, string Unit, float[] Values);

/// <summary>
/// A predicted quantity over the recent window: the model's prediction made before the truth
/// arrived, what then happened (NaN where not yet known), and the persistence baseline's guess.
/// </summary>
public sealed record PredictionTrack(
    string Name,
    bool IsProbability,
    float[] Predicted,
    float[] Actual,
    float[] Persistence,
    double ModelScore,
    double PersistenceScore,
    string ScoreName);

/// <summary>The streaming weather world over its most recent ticks (oldest first).</summary>
public sealed record WeatherStreamSnapshot(
    double[] Hours,
    IReadOnlyList<SeriesSnapshot> Observed,
    IReadOnlyList<PredictionTrack> Predictions,
    long TicksScored);

/// <summary>Training curves and classification results so far.</summary>
/// <param name="Confusion">Row-major [actual, predicted] counts over <see cref="ClassNames"/>, or empty.</param>
public sealed record TrainingSnapshot(
    float[] LossHistory,
    float[] ValidationHistory,
    float[] LearningRateHistory,
    float[] GradientNormHistory,
    IReadOnlyList<string> ClassNames,
    int[] Confusion,
    IReadOnlyDictionary<string, double> Metrics);
