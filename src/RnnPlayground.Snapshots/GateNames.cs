namespace RnnPlayground.Snapshots;

/// <summary>How a <see cref="Gate"/> is named and what kind of value it holds.</summary>
public static class GateNames
{
    /// <summary>The gate's conventional letter: i, f, g, o (LSTM); r, z, n (GRU).</summary>
    public static string Letter(this Gate gate) => gate switch
    {
        Gate.Input => "i",
        Gate.Forget => "f",
        Gate.Cell => "g",
        Gate.Output => "o",
        Gate.Reset => "r",
        Gate.Update => "z",
        Gate.New => "n",
        _ => throw new ArgumentOutOfRangeException(nameof(gate), gate, "unknown gate"),
    };

    /// <summary>
    /// Whether the gate is the cell's content candidate (tanh, in [−1, 1]: LSTM g, GRU n) rather
    /// than a sigmoid gate in [0, 1].
    /// </summary>
    public static bool IsCandidate(this Gate gate) => gate is Gate.Cell or Gate.New;
}
