namespace RnnPlayground.Core.Layers;

/// <summary>The carried state of one sample for <see cref="RecurrentLayer.StepInference"/>: h and c per layer.</summary>
public sealed class RecurrentStepState
{
    internal RecurrentStepState(int layers, int hiddenSize, bool hasCell, int gateCount)
    {
        Layers = layers;
        HiddenSize = hiddenSize;
        HasCell = hasCell;
        Hidden = new float[layers * hiddenSize];
        Cell = hasCell ? new float[layers * hiddenSize] : [];
        Scratch = new float[2 * gateCount * hiddenSize + hiddenSize];
    }

    public int Layers { get; }

    public int HiddenSize { get; }

    public bool HasCell { get; }

    /// <summary>[L, H] hidden state, updated by every step.</summary>
    public float[] Hidden { get; }

    /// <summary>[L, H] LSTM cell state (empty for other cells).</summary>
    public float[] Cell { get; }

    internal float[] Scratch { get; }

    /// <summary>Sets the state back to zeros.</summary>
    public void Reset()
    {
        Array.Clear(Hidden);
        Array.Clear(Cell);
    }
}
