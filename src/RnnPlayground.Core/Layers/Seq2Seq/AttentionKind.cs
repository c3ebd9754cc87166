namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>How the decoder scores the encoder's states h_j against its previous state s.</summary>
public enum AttentionKind
{
    /// <summary>No attention: the decoder sees the source only through the bridged initial state.</summary>
    None,

    /// <summary>Bahdanau: e_j = vᵀ tanh(W_q s + W_k h_j + b_k).</summary>
    Additive,

    /// <summary>Luong dot: e_j = sᵀ h_j (the decoder's hidden size must equal the encoder's output width).</summary>
    Dot,

    /// <summary>Luong general: e_j = sᵀ W_a h_j.</summary>
    General,
}
