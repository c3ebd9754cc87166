namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// One source's encoder–decoder unrolled along an output: <see cref="Encoder"/> [S, D·H] (row j: the
/// top layer's h_j, the forward direction's H values then the backward's), <see cref="InitialState"/>
/// s_0 [Hd] and <see cref="Decoder"/> [T, Hd] (row t: s_t after output token t).
/// </summary>
public sealed record UnrolledStates(float[] Encoder, int EncoderUnits, int EncoderDirections, float[] InitialState, float[] Decoder, int DecoderUnits);
