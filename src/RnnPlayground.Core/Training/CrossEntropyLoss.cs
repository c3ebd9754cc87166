using System.Numerics.Tensors;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Training;

/// <summary>
/// Cross-entropy over class indices from logits, averaged over the rows that count (as PyTorch's
/// <c>CrossEntropyLoss</c> with reduction 'mean'): rows whose target is <see cref="IgnoreIndex"/>
/// are skipped, and with class weights w the mean is Σ w[yₙ]·lₙ / Σ w[yₙ].
/// </summary>
public sealed class CrossEntropyLoss
{
    private readonly float[]? _classWeights;

    /// <param name="ignoreIndex">Target value that marks a row without a target (negative).</param>
    /// <param name="classWeights">Optional weight per class (all ≥ 0, not all 0).</param>
    public CrossEntropyLoss(int ignoreIndex = -1, IReadOnlyList<float>? classWeights = null)
    {
        if (ignoreIndex >= 0) throw new ArgumentOutOfRangeException(nameof(ignoreIndex), ignoreIndex, "must be negative so it can't clash with a class");
        IgnoreIndex = ignoreIndex;
        if (classWeights is not null)
        {
            if (classWeights.Count == 0) throw new ArgumentException("class weights must not be empty", nameof(classWeights));
            for (int i = 0; i < classWeights.Count; i++)
                if (!(classWeights[i] >= 0f) || float.IsInfinity(classWeights[i]))
                    throw new ArgumentOutOfRangeException(nameof(classWeights), classWeights[i], $"class weight {i} must be finite and ≥ 0");
            if (classWeights.All(w => w == 0f)) throw new ArgumentException("class weights must not all be 0", nameof(classWeights));
            _classWeights = [.. classWeights];
        }
    }

    public int IgnoreIndex { get; }

    public IReadOnlyList<float>? ClassWeights => _classWeights;

    /// <summary>
    /// Mean loss of <paramref name="rows"/> rows of <paramref name="classes"/> logits (row stride
    /// <paramref name="stride"/>); writes dLoss/dlogits × <paramref name="scale"/> into the same
    /// columns of <paramref name="gradient"/> (same stride). Returns 0 (and zero gradient) when
    /// every row is ignored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A target is neither a class nor the ignore index.</exception>
    public double Compute(ReadOnlySpan<float> logits, int rows, int classes, int stride, ReadOnlySpan<int> targets,
        Span<float> gradient, float scale = 1f)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "must be ≥ 1");
        if (targets.Length < rows) throw new ArgumentException($"{rows} rows need {rows} targets, got {targets.Length}", nameof(targets));
        if (_classWeights is not null && _classWeights.Length != classes)
            throw new ArgumentException($"{_classWeights.Length} class weights given for {classes} classes");
        double weightSum = 0;
        for (int r = 0; r < rows; r++)
        {
            int y = targets[r];
            if (y == IgnoreIndex) continue;
            if ((uint)y >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(targets), y, $"target at row {r} must be in [0, {classes}) or {IgnoreIndex}");
            weightSum += _classWeights?[y] ?? 1.0;
        }
        if (weightSum == 0)
        {
            for (int r = 0; r < rows; r++) gradient.Slice(r * stride, classes).Clear();
            return 0;
        }
        // One pass per row: e = exp(z − max z) into the gradient row, then loss and gradient from Σe.
        double total = 0, norm = scale / weightSum;
        for (int r = 0; r < rows; r++)
        {
            Span<float> g = gradient.Slice(r * stride, classes);
            int y = targets[r];
            if (y == IgnoreIndex)
            {
                g.Clear();
                continue;
            }
            ReadOnlySpan<float> z = logits.Slice(r * stride, classes);
            float max = TensorPrimitives.Max(z), zy = z[y]; // z may be the gradient's memory
            TensorPrimitives.Subtract(z, max, g);
            VectorMath.Exp(g);
            double sum = TensorPrimitives.Sum(g);
            double w = _classWeights?[y] ?? 1.0;
            total += w * (Math.Log(sum) + max - zy);
            TensorPrimitives.Multiply(g, (float)(w * norm / sum), g);
            g[y] -= (float)(w * norm);
        }
        return total / weightSum;
    }
}
