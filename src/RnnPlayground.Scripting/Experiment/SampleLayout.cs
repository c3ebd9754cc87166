using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// How a script's samples (x, y) become the core's arrays, for <c>rnn.data.sequences</c> and
/// <c>rnn.data.generate</c>. The options say what the targets are (<c>classes</c>: a count or the
/// class names, labels 1 … K; else numbers) and whether inputs are token ids 1 … <c>vocab</c> and
/// targets come at <c>every_step</c>; the first sample fixes the rest (steps, features per step,
/// values per target), and every later sample must match it, except for its steps when the
/// samples are of different lengths (<c>rnn.data.sequences</c> with ragged inputs: a
/// variable-length dataset padded to the longest). Labels and ids are 1-based as Lua's
/// lists are (0 in a per-step label list: no target at that step); the core gets them 0-based.
/// </summary>
internal sealed class SampleLayout
{
    private readonly int _classes;
    private readonly string[] _classNames;
    private readonly int _vocab;
    private readonly bool _everyStep;
    private float[] _inputs = [];
    private int[] _tokens = [];
    private int[] _labels = [];
    private float[] _values = [];
    private bool _variable;

    private SampleLayout(int classes, string[] classNames, int vocab, bool everyStep)
    {
        (_classes, _classNames, _vocab, _everyStep) = (classes, classNames, vocab, everyStep);
    }

    /// <summary>The shape, once <see cref="Fix"/> has seen the first sample.</summary>
    public TaskShape? Shape { get; private set; }

    /// <summary>Reads <c>classes</c>, <c>vocab</c> and <c>every_step</c>.</summary>
    public static SampleLayout Read(ScriptOptions o)
    {
        int classes = 0;
        string[] names = [];
        if (o.Has("classes"))
        {
            try
            {
                classes = o.RequiredInt("classes", IntRange.Between(2, 100_000));
                names = Enumerable.Range(1, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
            catch (ScriptArgumentException)
            {
                try
                {
                    names = o.RequiredStrings("classes");
                }
                catch (ScriptArgumentException)
                {
                    throw new ScriptArgumentException("'classes' must be a number of classes (2 … 100000) or a list of at least 2 class names");
                }
                if (names.Length < 2) throw new ScriptArgumentException($"'classes' must name at least 2 classes (got {names.Length})");
                classes = names.Length;
            }
        }
        int vocab = o.OptionalInt("vocab", IntRange.Between(2, 1_000_000), 0);
        return new SampleLayout(classes, names, vocab, o.OptionalBool("every_step", false));
    }

    /// <summary>
    /// Fixes the shape from the first sample; with <paramref name="longest"/> (the most steps of
    /// any sample) above 0 the samples are of different lengths, up to that many steps.
    /// </summary>
    /// <exception cref="ScriptArgumentException">x or y is not a sample of the kind the options describe.</exception>
    public TaskShape Fix(ScriptNumbers? x, ScriptNumbers? y, string xName, string yName, int longest = 0)
    {
        (int steps, int features) = Steps(x, xName);
        int values = _classes > 0 ? 0 : Values(y, yName, steps);
        if (_classes > 0) Labels(y, yName, steps);
        if (longest > 0 && _everyStep && values > 0)
            throw new ScriptArgumentException("sequences of different lengths take labels at every step (give 'classes'), not numbers; or one target after the last step");
        string[] featureNames = _vocab > 0 ? [] : Names("x", features);
        _variable = longest > 0;
        steps = Math.Max(steps, longest);
        Shape = new TaskShape(steps, _vocab > 0 ? 0 : features, _vocab, _classes, values, _everyStep, featureNames,
            _classes > 0 ? _classNames : [], Names("y", values), _variable);
        int targetSteps = _everyStep ? steps : 1;
        _inputs = new float[_vocab > 0 ? 0 : steps * features];
        _tokens = new int[_vocab > 0 ? steps : 0];
        _labels = new int[_classes > 0 ? targetSteps : 0];
        _values = new float[targetSteps * values];
        return Shape;
    }

    /// <summary>Checks sample (x, y) against the shape and stores it; <paramref name="where"/> names it in messages ("sample 3 of train").</summary>
    /// <exception cref="ScriptArgumentException">A sample that does not match the first, or a value the core refuses.</exception>
    public void Add(SequenceDatasetBuilder builder, Split split, int index, ScriptNumbers? x, ScriptNumbers? y, string where, string xName, string yName, string first)
    {
        TaskShape shape = Shape ?? throw new InvalidOperationException("Fix the layout with the first sample");
        try
        {
            (int steps, int features) = Steps(x, xName);
            if (steps != shape.SequenceLength && !_variable)
                throw new ScriptArgumentException($"{xName} has {steps} steps where {first} has {shape.SequenceLength}: a generator's sequences are of one length (rnn.data.sequences takes sequences of different lengths)");
            if (_vocab == 0 && features != shape.InputFeatures)
                throw new ScriptArgumentException($"{xName} has {features} features per step where {first} has {shape.InputFeatures}");
            int labels = _everyStep ? steps : 1;
            if (_classes > 0)
            {
                Labels(y, yName, steps).CopyTo(_labels);
            }
            else
            {
                int values = Values(y, yName, steps);
                if (values != shape.NumValues)
                    throw new ScriptArgumentException($"{yName} has {values} values per target where {first} has {shape.NumValues}");
                for (int i = 0; i < y!.Values.Length; i++) _values[i] = (float)y.Values[i];
            }
            if (_vocab > 0)
            {
                for (int i = 0; i < steps; i++) _tokens[i] = (int)x!.Values[i] - 1;
            }
            else
            {
                for (int i = 0; i < steps * features; i++) _inputs[i] = (float)x!.Values[i];
            }
            builder.Set(split, index, _inputs.AsSpan(0, _vocab > 0 ? 0 : steps * features), _tokens.AsSpan(0, _vocab > 0 ? steps : 0),
                _labels.AsSpan(0, _classes > 0 ? labels : 0), _values);
        }
        catch (ScriptArgumentException e)
        {
            throw new ScriptArgumentException($"{where}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new ScriptArgumentException($"{where}: {Refusing.CoreMessage(e)}");
        }
    }

    private (int Steps, int Features) Steps(ScriptNumbers? x, string name)
    {
        string expected = _vocab > 0 ? $"a list of token ids (1 … {_vocab}), one per step" : "a list of steps, each a number or a list of numbers (one per feature)";
        if (x is null || x.Rank == 0 || (_vocab > 0 && x.Rank != 1))
            throw new ScriptArgumentException($"{name} must be {expected} (got {Describe(x)})");
        if (x.Rows == 0) throw new ScriptArgumentException($"{name} has no steps");
        if (_vocab > 0 && !x.AllIntegers) throw new ScriptArgumentException($"{name} must be {expected} (got a number that is not an integer)");
        if (x.Rank == 2 && x.Columns == 0) throw new ScriptArgumentException($"{name} has steps without features");
        return (x.Rows, x.Rank == 2 ? x.Columns : 1);
    }

    private int Values(ScriptNumbers? y, string name, int steps)
    {
        if (y is null) throw new ScriptArgumentException($"{name} is missing (expected {(_everyStep ? "a target per step" : "a number or a list of numbers")})");
        if (!_everyStep)
        {
            if (y.Rank == 2 || y.Rows == 0) throw new ScriptArgumentException($"{name} must be a number or a list of numbers (got {Describe(y)}); give every_step = true for a target at each step");
            return y.Rows;
        }
        if (y.Rank == 0 || y.Rows != steps)
            throw new ScriptArgumentException($"{name} must have a target for each of the {steps} steps (got {Describe(y)})");
        return y.Rank == 2 ? y.Columns : 1;
    }

    private ReadOnlySpan<int> Labels(ScriptNumbers? y, string name, int steps)
    {
        string expected = _everyStep ? $"a list of {steps} labels (1 … {_classes}, or 0 for none)" : $"a label (1 … {_classes})";
        if (y is null || (_everyStep ? y.Rank != 1 || y.Rows != steps : y.Rank != 0) || !y.AllIntegers)
            throw new ScriptArgumentException($"{name} must be {expected} (got {Describe(y)})");
        var labels = new int[y.Values.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            double label = y.Values[i];
            if (label < (_everyStep ? 0 : 1) || label > _classes)
                throw new ScriptArgumentException($"{name}{(_everyStep ? $"[{i + 1}]" : "")} is {Number(label)}, outside {expected}");
            labels[i] = (int)label - 1;
        }
        return labels;
    }

    private static string[] Names(string prefix, int n) =>
        n == 1 ? [prefix] : Enumerable.Range(1, n).Select(i => $"{prefix}{i}").ToArray();

    private static string Number(double v) => double.IsNaN(v) ? "nan" : v.ToString("G14", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(ScriptNumbers? v) => v switch
    {
        null => "nil",
        { Rank: 0 } => Number(v.Values[0]),
        { Rank: 1 } => $"a list of {v.Rows} numbers",
        _ => $"a list of {v.Rows} lists of {v.Columns} numbers",
    };
}
