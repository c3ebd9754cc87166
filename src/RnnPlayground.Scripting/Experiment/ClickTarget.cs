namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// What a click in the window hit, as <c>on_click(ctx, target)</c> receives it: <paramref name="Kind"/>
/// 'unit' (a hidden unit), 'gate', 'input', 'output', 'weight', 'gradient', 'chart' or 'panel', with
/// 0-based indices here (−1: not meaningful) that the script reads 1-based, and the value the
/// clicked frame showed.
/// </summary>
/// <param name="Layer">The recurrent layer of a unit, gate or weight (for an output weight, W_y, the last recurrent layer it reads).</param>
/// <param name="Step">The time step.</param>
/// <param name="Unit">The unit (for a weight: the unit it leads to, an output for W_y).</param>
/// <param name="Index">A gate's place in the gate order, a weight's source unit, a chart's sample.</param>
/// <param name="Value">The activation, gate value, weight, gradient norm or chart value (NaN: none).</param>
/// <param name="Name">A gate's, series' or panel's name; a weight's matrix: W_ih, W_hh or W_y.</param>
/// <param name="Recurrent">For a weight: W_hh (true) or W_ih.</param>
public sealed record ClickTarget(string Kind, int Layer = -1, int Step = -1, int Unit = -1, int Index = -1, double Value = double.NaN, string? Name = null, bool Recurrent = false);
