namespace RnnPlayground.Core.Data;

/// <summary>
/// Collects the samples of a <see cref="SequenceDataset"/> one at a time, as plain arrays, and
/// checks each against the <see cref="TaskShape"/> as it comes: inputs [T, F] (finite) or tokens
/// [T] (in [0, vocabulary)), classes [S] (in [0, classes), or -1 for no target at a step) and
/// values [S, V] (finite), with S = T when targets come at every step, else 1. A sample that does
/// not fit is refused with an <see cref="ArgumentException"/> that says which value is wrong (the
/// caller adds which sample it was). Every sample of every split must be set before <see cref="Build"/>.
/// For a variable-length shape a sample has any length of 1 … T steps (its inputs or tokens say
/// how many, and so many per-step labels); value targets come after the last step only.
/// </summary>
public sealed class SequenceDatasetBuilder
{
    private readonly SampleStore _store;
    private readonly bool[][] _set;

    public SequenceDatasetBuilder(TaskShape shape, int train, int validation, int test)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.NumClasses == 0 && shape.NumValues == 0) throw new ArgumentException("a sample needs class or value targets", nameof(shape));
        if (shape.VariableLength && shape.TargetEveryStep && shape.NumValues > 0)
            throw new ArgumentException("sequences of different lengths take class labels at every step, not values (or one value target after the last step)", nameof(shape));
        _store = new SampleStore(shape, train, validation, test);
        _set = [new bool[train], new bool[validation], new bool[test]];
    }

    public TaskShape Shape => _store.Shape;

    public int Count(Split split) => _store.Count(split);

    /// <summary>Stores sample <paramref name="index"/> of <paramref name="split"/> (give the spans the shape has; leave the others empty).</summary>
    /// <exception cref="ArgumentException">A length that does not match the shape, a value that is not finite, a token or class out of range.</exception>
    public void Set(Split split, int index, ReadOnlySpan<float> inputs, ReadOnlySpan<int> tokens, ReadOnlySpan<int> classes, ReadOnlySpan<float> values)
    {
        if ((uint)index >= (uint)Count(split)) throw new ArgumentOutOfRangeException(nameof(index), index, $"outside the {split} split of {Count(split)} samples");
        TaskShape s = Shape;
        int t = s.SequenceLength;
        if (s.VariableLength)
        {
            int given = s.TokenInput ? tokens.Length : inputs.Length / Math.Max(s.InputFeatures, 1);
            if (given < 1 || given > t) throw new ArgumentException($"{given} steps where a sample has 1 … {t}");
            t = given;
            _store.SetLength(split, index, t);
        }
        int steps = s.TargetEveryStep ? t : 1;
        if (s.TokenInput)
        {
            Expect(tokens.Length, t, "tokens");
            for (int i = 0; i < t; i++)
                if ((uint)tokens[i] >= (uint)s.VocabularySize)
                    throw new ArgumentException($"token at step {i + 1} is {tokens[i] + 1}, outside 1 … {s.VocabularySize}");
            tokens.CopyTo(_store.Tokens(split, index)[..t]);
        }
        else
        {
            Expect(inputs.Length, t * s.InputFeatures, "input values");
            int bad = FirstNonFinite(inputs);
            if (bad >= 0)
                throw new ArgumentException($"input at step {bad / s.InputFeatures + 1}, feature {bad % s.InputFeatures + 1} is {Show(inputs[bad])} (inputs must be finite)");
            inputs.CopyTo(_store.Inputs(split, index)[..(t * s.InputFeatures)]);
        }
        if (s.NumClasses > 0)
        {
            Expect(classes.Length, steps, "class labels");
            bool any = false;
            for (int i = 0; i < steps; i++)
            {
                if (classes[i] < -1 || classes[i] >= s.NumClasses || (classes[i] == -1 && !s.TargetEveryStep))
                    throw new ArgumentException($"label{(s.TargetEveryStep ? $" at step {i + 1}" : "")} is {classes[i] + 1}, outside 1 … {s.NumClasses}{(s.TargetEveryStep ? " (0: no target at that step)" : "")}");
                any |= classes[i] >= 0;
            }
            if (!any) throw new ArgumentException("no step has a label (all are 0)");
            classes.CopyTo(_store.Classes(split, index)[..steps]);
        }
        if (s.NumValues > 0)
        {
            Expect(values.Length, steps * s.NumValues, "target values");
            int bad = FirstNonFinite(values);
            if (bad >= 0) throw new ArgumentException($"target value {bad + 1} is {Show(values[bad])} (targets must be finite)");
            values.CopyTo(_store.Values(split, index));
        }
        _set[(int)split][index] = true;
    }

    /// <summary>The dataset; with <paramref name="normalize"/> each input feature is z-scored with the training inputs' mean and standard deviation.</summary>
    /// <exception cref="InvalidOperationException">A sample was never set.</exception>
    public SequenceDataset Build(bool normalize)
    {
        for (int s = 0; s < 3; s++)
        {
            int missing = Array.IndexOf(_set[s], false);
            if (missing >= 0) throw new InvalidOperationException($"sample {missing + 1} of the {(Split)s} split was never set");
        }
        return new SequenceDataset(_store, normalize);
    }

    private static void Expect(int got, int expected, string what)
    {
        if (got != expected) throw new ArgumentException($"{got} {what} where the shape needs {expected}");
    }

    private static string Show(float v) => float.IsNaN(v) ? "nan" : float.IsPositiveInfinity(v) ? "inf (or too large for a float)" : "-inf (or too large for a float)";

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++) if (!float.IsFinite(values[i])) return i;
        return -1;
    }
}
