namespace RnnPlayground.Core.Training;

/// <summary>The loss (or the gradient norm) became NaN or infinite.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(long step, string quantity, double value)
        : base($"{quantity} became {Describe(value)} at step {step}; try a lower learning rate or gradient clipping")
    {
        Step = step;
        Quantity = quantity;
        Value = value;
    }

    /// <summary>The optimizer step (1-based) during which it happened.</summary>
    public long Step { get; }

    /// <summary>"loss" or "gradient norm".</summary>
    public string Quantity { get; }

    public double Value { get; }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
}
