namespace RnnPlayground.Snapshots;

/// <summary>
/// The unrolled network for one sample of the current window: <c>T</c> = <see cref="Steps"/> columns,
/// rows = input, each recurrent layer, output. Layer arrays are row-major [T, width].
/// </summary>
/// <param name="CellType">The recurrent cell of every shown layer.</param>
/// <param name="GateOrder">The gates in the order <paramref name="Gates"/> stores them: i, f, g, o (LSTM), r, z, n (GRU), empty for a vanilla RNN.</param>
/// <param name="Inputs">[T, InputSize] inputs of the shown sample (token embeddings for text).</param>
/// <param name="Hidden">Per recurrent layer, [T, H] hidden state (forward direction).</param>
/// <param name="Gates">Per recurrent layer, [T, G·H] post-activation gate values, gate-major within a step.</param>
/// <param name="Outputs">[T, OutputSize]; steps without an output are NaN.</param>
/// <param name="InputWeights">Per recurrent layer, W_ih as [G·H, in] row-major.</param>
/// <param name="RecurrentWeights">Per recurrent layer, W_hh as [G·H, H] row-major.</param>
/// <param name="GradientNormPerStep">[T] 2-norm of dLoss/dh_t over all layers in the latest backward pass (empty before the first).</param>
/// <param name="Clipped">Whether the latest update was clipped.</param>
public sealed record NetworkSnapshot(
    CellType CellType,
    int Steps,
    int InputSize,
    IReadOnlyList<int> HiddenSizes,
    int OutputSize,
    IReadOnlyList<Gate> GateOrder,
    float[] Inputs,
    IReadOnlyList<float[]> Hidden,
    IReadOnlyList<float[]> Gates,
    float[] Outputs,
    IReadOnlyList<float[]> InputWeights,
    IReadOnlyList<float[]> RecurrentWeights,
    float[] GradientNormPerStep,
    bool Clipped)
{
    /// <summary>What the inputs and outputs mean, and the outputs decoded (null: unnamed).</summary>
    public NetworkLabels? Labels { get; init; }

    /// <summary>Per recurrent layer, b_ih as [G·H] (empty arrays for a layer without bias; empty list: not copied).</summary>
    public IReadOnlyList<float[]> InputBiases { get; init; } = [];

    /// <summary>Per recurrent layer, b_hh as [G·H] (empty arrays for a layer without bias; empty list: not copied).</summary>
    public IReadOnlyList<float[]> RecurrentBiases { get; init; } = [];

    /// <summary>
    /// W_y of the output Linear fed by the last recurrent layer, as [OutputSize, H_last] row-major
    /// (y_t = W_y·h_t + b_y); empty when the model's head is not such a Linear (or it was not copied).
    /// </summary>
    public float[] OutputWeights { get; init; } = [];

    /// <summary>b_y of that Linear as [OutputSize] (empty: none, or not copied).</summary>
    public float[] OutputBias { get; init; } = [];
}
