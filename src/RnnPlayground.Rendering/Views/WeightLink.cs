using System.Numerics;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// One weight drawn between two units of the unrolled network: from unit <paramref name="Column"/> of
/// the source (the row below, or the same layer one step earlier) to unit <paramref name="Row"/> of
/// recurrent layer <paramref name="Layer"/>, at step <paramref name="Step"/>; for an
/// <paramref name="Output"/> weight, from hidden unit <paramref name="Column"/> of the last recurrent
/// layer <paramref name="Layer"/> to output <paramref name="Row"/>.
/// </summary>
/// <param name="Recurrent">True for W_hh (h[t−1] → h[t]), false for W_ih (input or previous layer → this layer).</param>
/// <param name="MaxAbs">The largest |w| of the whole matrix (the line's strength is |w| / MaxAbs).</param>
/// <param name="Output">True for W_y, the output Linear's weight (h_t → y_t).</param>
public readonly record struct WeightLink(Vector2 From, Vector2 To, float Weight, float MaxAbs, int Layer, int Row, int Column, int Step, bool Recurrent, bool Output = false);
