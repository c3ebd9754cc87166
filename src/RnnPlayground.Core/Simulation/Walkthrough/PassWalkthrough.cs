using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation.Walkthrough;

/// <summary>
/// A step-through of one pass over the sample a <see cref="NetworkSnapshot"/> holds: the forward
/// pass one time step at a time, the chosen unit's update written out with the model's weights and
/// activations (<c>h₃[2] = tanh(0.41·0.52 + … + 0.05) = tanh(0.734) = 0.626</c>; an LSTM's or GRU's
/// gate values and state update), then the backward pass from the last step to the first with
/// |∂L/∂h_t| of the latest backward pass and the factor each step multiplies it by. Positions
/// 0 … T−1 are forward steps 1 … T, positions T … 2T−1 backward steps T … 1. The snapshot is
/// frozen when the walk starts, so every line reads one consistent pass.
/// </summary>
public sealed class PassWalkthrough
{
    public PassWalkthrough(NetworkSnapshot network, int layer, int unit)
    {
        ArgumentNullException.ThrowIfNull(network);
        if ((uint)layer >= (uint)network.HiddenSizes.Count)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"the network has {network.HiddenSizes.Count} recurrent layer(s)");
        if ((uint)unit >= (uint)network.HiddenSizes[layer])
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"layer {layer + 1} has {network.HiddenSizes[layer]} unit(s)");
        Network = network;
        Layer = layer;
        Unit = unit;
    }

    /// <summary>The pass walked through.</summary>
    public NetworkSnapshot Network { get; }

    public int Layer { get; }

    public int Unit { get; }

    /// <summary>Where the walk stands (see the class summary); starts at 0, the first forward step.</summary>
    public int Position { get; private set; }

    /// <summary>How many positions the walk has: T forward and T backward steps.</summary>
    public int Length => 2 * Network.Steps;

    /// <summary>Moves on one step; false (and the walk stays on its last step) once it was at the end.</summary>
    public bool Next()
    {
        if (Position + 1 >= Length) return false;
        Position++;
        return true;
    }

    /// <summary>The walk at its current position, for the snapshot and for the script.</summary>
    public PassWalkSnapshot Describe()
    {
        int steps = Network.Steps;
        bool backward = Position >= steps;
        int t = backward ? (2 * steps) - 1 - Position : Position;
        string where = $"{(backward ? "backward" : "forward")} · step {t + 1} of {steps} (t={t} in the view) · {CellLabel(Network.CellType)} {Layer + 1} unit {Unit + 1}";
        IReadOnlyList<string> lines = backward ? BackwardSteps.Lines(Network, Layer, Unit, t) : ForwardSteps.Lines(Network, Layer, Unit, t);
        return new PassWalkSnapshot(backward, t, Layer, Unit, where, lines);
    }

    private static string CellLabel(CellType type) => type switch
    {
        CellType.Lstm => "lstm",
        CellType.Gru => "gru",
        _ => "rnn",
    };
}
