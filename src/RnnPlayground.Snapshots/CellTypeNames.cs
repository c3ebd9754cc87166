namespace RnnPlayground.Snapshots;

/// <summary>How a <see cref="CellType"/> is named in titles and labels.</summary>
public static class CellTypeNames
{
    /// <summary>The cell's short name as scripts spell it: "lstm", "gru", "rnn_tanh", "rnn_relu".</summary>
    public static string Name(this CellType cell) => cell switch
    {
        CellType.Lstm => "lstm",
        CellType.Gru => "gru",
        CellType.RnnTanh => "rnn_tanh",
        CellType.RnnRelu => "rnn_relu",
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "unknown cell type"),
    };

    /// <summary>Whether hidden values are unbounded (so views scale them by the largest magnitude).</summary>
    public static bool IsUnbounded(this CellType cell) => cell == CellType.RnnRelu;
}
