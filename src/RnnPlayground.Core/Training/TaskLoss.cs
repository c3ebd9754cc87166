using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Training;

/// <summary>The parts of a loss value: total = classification + <see cref="TaskLoss.ValueWeight"/> · regression.</summary>
public readonly record struct LossValue(double Total, double Classification, double Regression);

/// <summary>
/// The loss of a task whose model output row is [class logits (C), values (V)] as described by a
/// <see cref="TaskShape"/>: cross-entropy on the first C columns, a regression loss on the next V.
/// </summary>
public sealed class TaskLoss
{
    public TaskLoss(TaskShape shape, CrossEntropyLoss? classification = null, RegressionLoss? regression = null, float valueWeight = 1f)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.OutputWidth == 0) throw new ArgumentException("the task has neither class nor value targets", nameof(shape));
        if (!(valueWeight >= 0f) || float.IsInfinity(valueWeight)) throw new ArgumentOutOfRangeException(nameof(valueWeight), valueWeight, "must be finite and ≥ 0");
        Shape = shape;
        Classification = shape.NumClasses > 0 ? classification ?? new CrossEntropyLoss() : null;
        Regression = shape.NumValues > 0 ? regression ?? new RegressionLoss() : null;
        ValueWeight = valueWeight;
    }

    public TaskShape Shape { get; }

    public CrossEntropyLoss? Classification { get; }

    public RegressionLoss? Regression { get; }

    public float ValueWeight { get; }

    /// <summary>
    /// Loss of <paramref name="rows"/> output rows (width C + V) against their targets
    /// (<paramref name="classes"/> [rows], <paramref name="values"/> [rows, V]); writes the gradient
    /// with respect to the output into <paramref name="gradient"/> [rows, C + V].
    /// </summary>
    public LossValue Compute(ReadOnlySpan<float> output, int rows, ReadOnlySpan<int> classes, ReadOnlySpan<float> values, Span<float> gradient)
    {
        int c = Shape.NumClasses, v = Shape.NumValues, width = c + v;
        if (output.Length < rows * width) throw new ArgumentException($"output holds {output.Length} values, {rows}×{width} expected", nameof(output));
        double ce = 0, reg = 0;
        if (Classification is not null) ce = Classification.Compute(output, rows, c, width, classes, gradient);
        if (Regression is not null)
            reg = Regression.Compute(output[c..], rows, v, width, values, gradient[c..], ValueWeight);
        return new LossValue(ce + ValueWeight * reg, ce, reg);
    }
}
