namespace RnnPlayground.Snapshots;

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
/// <param name="WeightLabels">Whether each weight line of the last step shown is labelled with its value (for networks small enough to read them all).</param>
public sealed record ViewSettings(
    ViewPanel? Panel = null,
    IReadOnlyList<int>? Layers = null,
    int? MaxUnits = null,
    int? MaxSteps = null,
    int? MaxConnections = null,
    bool? ShowGates = null,
    IReadOnlyList<string>? Series = null,
    uint? NegativeColor = null,
    uint? PositiveColor = null,
    bool? WeightLabels = null);
