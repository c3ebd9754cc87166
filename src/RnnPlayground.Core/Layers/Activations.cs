namespace RnnPlayground.Core.Layers;

/// <summary>
/// Values flowing between modules of a sequence model: <see cref="Rows"/> = Steps·Batch rows of
/// <see cref="Width"/> floats each, time-major (row t·Batch + b is step t of sample b), stored in
/// the first Rows·Width entries of <see cref="Data"/>. Token input (for an embedding) carries
/// <see cref="Tokens"/> [Steps·Batch] instead, with Width 1. The arrays belong to the module
/// that produced them and stay valid until its next call.
/// </summary>
public readonly struct Activations
{
    public Activations(float[] data, int steps, int batch, int width)
    {
        Data = data;
        Tokens = null;
        Steps = steps;
        Batch = batch;
        Width = width;
    }

    private Activations(int[] tokens, int steps, int batch)
    {
        Data = [];
        Tokens = tokens;
        Steps = steps;
        Batch = batch;
        Width = 1;
    }

    /// <summary>Token ids [Steps·Batch] for an embedding.</summary>
    public static Activations FromTokens(int[] tokens, int steps, int batch) => new(tokens, steps, batch);

    public float[] Data { get; }

    public int[]? Tokens { get; }

    public int Steps { get; }

    public int Batch { get; }

    public int Width { get; }

    public int Rows => Steps * Batch;

    public bool IsTokens => Tokens is not null;

    /// <summary>The meaningful part of <see cref="Data"/>.</summary>
    public Span<float> Span => Data.AsSpan(0, Rows * Width);

    public override string ToString() => IsTokens ? $"tokens [{Steps}, {Batch}]" : $"[{Steps}, {Batch}, {Width}]";
}
