namespace RnnPlayground.Snapshots;

/// <summary>
/// A part of the unrolled network a script asked to highlight (<c>ctx.highlight{…}</c>): one hidden
/// unit at one step, or a whole column or row when <paramref name="Step"/> or <paramref name="Unit"/>
/// is −1. All indices are 0-based here (the script names them from 1).
/// </summary>
/// <param name="Layer">The recurrent layer, 0-based.</param>
/// <param name="Step">The time step, 0-based; −1: every step.</param>
/// <param name="Unit">The hidden unit, 0-based; −1: every unit of the layer.</param>
public sealed record HighlightMark(int Layer, int Step, int Unit);
