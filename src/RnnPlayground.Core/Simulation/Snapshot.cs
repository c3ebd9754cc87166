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
    string? Message = null,
    ViewSettings? View = null,
    IReadOnlyList<OverlayItem>? Overlay = null);

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
    long TicksScored)
{
    /// <summary>Rolling scores of the forecasts (the last 30 days, the last 365), model beside persistence and climatology.</summary>
    public IReadOnlyList<ForecastScores> Scores { get; init; } = [];

    /// <summary>Changes made to the world (events, climate), at the stream hour they took effect, oldest first.</summary>
    public IReadOnlyList<WorldMarker> Markers { get; init; } = [];
}

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

/// <summary>The panels a scene can show; <see cref="All"/> lays out every panel at once.</summary>
public enum ViewPanel
{
    All,
    Network,
    Weather,
    Training,
}

/// <summary>
/// How the views present a snapshot, as an experiment script asked (e.g. through <c>rnn.view</c>).
/// Every member is optional: null means the renderer's default.
/// </summary>
/// <param name="Panel">Panel to show; the viewer follows it whenever the script changes it.</param>
/// <param name="Layers">0-based recurrent layers to show in the unrolled network (null: all).</param>
/// <param name="MaxUnits">Most hidden units shown per layer (the first ones); inputs and outputs too.</param>
/// <param name="MaxSteps">Most time steps shown (the latest ones).</param>
/// <param name="MaxConnections">Strongest connections drawn per weight matrix.</param>
/// <param name="ShowGates">Whether LSTM/GRU gate heatmaps are drawn beside the hidden units.</param>
/// <param name="Series">Names of observed series and prediction tracks to show (null: all).</param>
/// <param name="NegativeColor">Colour of −1 in the diverging colour map, 0xRRGGBBAA.</param>
/// <param name="PositiveColor">Colour of +1 in the diverging colour map, 0xRRGGBBAA.</param>
public sealed record ViewSettings(
    ViewPanel? Panel = null,
    IReadOnlyList<int>? Layers = null,
    int? MaxUnits = null,
    int? MaxSteps = null,
    int? MaxConnections = null,
    bool? ShowGates = null,
    IReadOnlyList<string>? Series = null,
    uint? NegativeColor = null,
    uint? PositiveColor = null);

/// <summary>
/// One item of a script's overlay draw list. Coordinates are fractions of the target panel's
/// content rectangle: (0, 0) its top-left corner, (1, 1) its bottom-right; <see cref="ViewPanel.All"/>
/// targets the whole frame. Colours are 0xRRGGBBAA. Items aimed at a hidden panel are not drawn.
/// </summary>
public abstract record OverlayItem(ViewPanel Panel, uint Color);

/// <summary>A straight line from (X0, Y0) to (X1, Y1), <paramref name="Thickness"/> pixels wide.</summary>
public sealed record OverlayLine(ViewPanel Panel, uint Color, float X0, float Y0, float X1, float Y1, float Thickness = 1.5f)
    : OverlayItem(Panel, Color);

/// <summary>A rectangle with top-left (X, Y); filled, or outlined <paramref name="Thickness"/> pixels wide.</summary>
public sealed record OverlayRect(ViewPanel Panel, uint Color, float X, float Y, float Width, float Height, bool Filled = false, float Thickness = 1.5f)
    : OverlayItem(Panel, Color);

/// <summary>Text whose top-left corner is at (X, Y), <paramref name="Size"/> pixels high.</summary>
public sealed record OverlayText(ViewPanel Panel, uint Color, float X, float Y, string Text, float Size = 13f)
    : OverlayItem(Panel, Color);
