using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests;

/// <summary>
/// A test dataset over per-sample arrays: inputs [N][T·F] (or tokens [N][T]) and targets
/// (classes [N][T or 1], values [N][(T or 1)·V]); the same samples serve every split unless given.
/// </summary>
internal sealed class ArrayDataset : ISequenceDataset
{
    private readonly Dictionary<Split, Sample[]> _splits = new();

    public ArrayDataset(TaskShape shape, Sample[] train, Sample[]? validation = null, Sample[]? test = null)
    {
        Shape = shape;
        _splits[Split.Train] = train;
        _splits[Split.Validation] = validation ?? train;
        _splits[Split.Test] = test ?? validation ?? train;
    }

    public sealed record Sample(float[] Inputs, int[] Tokens, int[] Classes, float[] Values);

    public TaskShape Shape { get; }

    public int Count(Split split) => _splits[split].Length;

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch)
    {
        Sample[] samples = _splits[split];
        int b = indices.Length, t = Shape.SequenceLength, f = Shape.InputFeatures, v = Shape.NumValues;
        int targetSteps = Shape.TargetEveryStep ? t : 1;
        batch.Size = b;
        for (int i = 0; i < b; i++)
        {
            Sample s = samples[indices[i]];
            for (int step = 0; step < t; step++)
            {
                if (Shape.TokenInput) batch.Tokens[step * b + i] = s.Tokens[step];
                else s.Inputs.AsSpan(step * f, f).CopyTo(batch.Inputs.AsSpan((step * b + i) * f, f));
            }
            for (int step = 0; step < targetSteps; step++)
            {
                if (Shape.NumClasses > 0) batch.Classes[step * b + i] = s.Classes[step];
                if (v > 0) s.Values.AsSpan(step * v, v).CopyTo(batch.Values.AsSpan((step * b + i) * v, v));
            }
        }
    }

    /// <summary>Random float sequences with a class and a value target derived from them (learnable, seeded).</summary>
    public static ArrayDataset RandomRegression(int count, int steps, int features, int classes, int values, bool everyStep, ulong seed)
    {
        var rng = new RandomSource(seed);
        var shape = new TaskShape(steps, features, 0, classes, values, everyStep,
            Enumerable.Range(0, features).Select(i => $"f{i}").ToArray(),
            Enumerable.Range(0, classes).Select(i => $"c{i}").ToArray(),
            Enumerable.Range(0, values).Select(i => $"v{i}").ToArray());
        int targetSteps = everyStep ? steps : 1;
        var samples = new Sample[count];
        for (int n = 0; n < count; n++)
        {
            float[] x = GradientCheck.Random(rng, steps * features);
            var cls = new int[classes > 0 ? targetSteps : 0];
            var val = new float[targetSteps * values];
            for (int s = 0; s < targetSteps; s++)
            {
                int last = everyStep ? s : steps - 1;
                float sum = 0;
                for (int k = 0; k <= last; k++) sum += x[k * features];
                if (classes > 0) cls[s] = sum > 0 ? 1 % classes : 0;
                for (int j = 0; j < values; j++) val[s * values + j] = 0.5f * sum + j;
            }
            samples[n] = new Sample(x, [], cls, val);
        }
        return new ArrayDataset(shape, samples);
    }
}
