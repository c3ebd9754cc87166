namespace RnnPlayground.Snapshots;

/// <summary>One gate of an LSTM or GRU cell, in the order the cell stores them.</summary>
public enum Gate
{
    /// <summary>LSTM input gate i (sigmoid).</summary>
    Input,

    /// <summary>LSTM forget gate f (sigmoid).</summary>
    Forget,

    /// <summary>LSTM cell candidate g (tanh).</summary>
    Cell,

    /// <summary>LSTM output gate o (sigmoid).</summary>
    Output,

    /// <summary>GRU reset gate r (sigmoid).</summary>
    Reset,

    /// <summary>GRU update gate z (sigmoid).</summary>
    Update,

    /// <summary>GRU new-state candidate n (tanh).</summary>
    New,
}
