namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>How the encoder's final states become the decoder's initial state s_0.</summary>
public enum BridgeKind
{
    /// <summary>s_0 = tanh(W_b [h_final→ ; h_final←] + b_b): any sizes.</summary>
    Linear,

    /// <summary>s_0 = [h_final→ ; h_final←] as they are: the widths must match.</summary>
    None,
}
