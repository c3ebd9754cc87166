namespace RnnPlayground.Snapshots;

/// <summary>The recurrent cell a <see cref="NetworkSnapshot"/> shows.</summary>
public enum CellType
{
    /// <summary>Long short-term memory: gates i, f, g, o.</summary>
    Lstm,

    /// <summary>Gated recurrent unit: gates r, z, n.</summary>
    Gru,

    /// <summary>Vanilla RNN with tanh: no gates, hidden values in [−1, 1].</summary>
    RnnTanh,

    /// <summary>Vanilla RNN with ReLU: no gates, hidden values unbounded above.</summary>
    RnnRelu,
}
