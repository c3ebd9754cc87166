namespace RnnPlayground.Core.Data;

/// <summary>
/// Sliding windows over a <see cref="TimeSeries"/> (see <see cref="WindowOptions"/>), split in time
/// order by target, features z-scored with statistics fitted on exactly the rows that appear in
/// training inputs. Batches: <see cref="Batch.Inputs"/> [L, B, F], <see cref="Batch.Classes"/> [B]
/// (the label of the target row), <see cref="Batch.Values"/> [B, V] (the value targets, normalized
/// unless <see cref="WindowOptions.NormalizeValueTargets"/> is false).
/// </summary>
/// <remarks>
/// The weather-eval protocol on seattle-weather.csv: features precipitation, temp_max, temp_min,
/// wind; L = 14; horizon 1; label wet/dry; 0.70/0.15 → 1447 samples split 1012/217/218.
/// </remarks>
public sealed class WindowedDataset : ISequenceDataset, IHasBaselines
{
    private readonly float[] _features;      // [rows, F] normalized
    private readonly float[] _targets;       // [rows, V] normalized (or raw) value targets
    private readonly int[] _featureColumns;
    private readonly int[] _targetColumns;
    private readonly int _sampleCount;

    /// <param name="series">The data.</param>
    /// <param name="options">Windowing, targets and split.</param>
    /// <param name="featureNormalizer">Saved statistics to use instead of fitting (e.g. from a checkpoint); must name the features.</param>
    /// <param name="targetNormalizer">Saved statistics of the value targets, likewise.</param>
    /// <exception cref="ArgumentException">Unknown column, no target, class target without labels, or too few rows.</exception>
    public WindowedDataset(TimeSeries series, WindowOptions options,
        ZScoreNormalizer? featureNormalizer = null, ZScoreNormalizer? targetNormalizer = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Features);
        ArgumentNullException.ThrowIfNull(options.ValueTargets);
        if (options.Features.Count == 0) throw new ArgumentException("at least one feature column is needed", nameof(options));
        if (options.SequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(options), options.SequenceLength, "SequenceLength must be ≥ 1");
        if (options.Horizon < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Horizon, "Horizon must be ≥ 1");
        if (options.Stride < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Stride, "Stride must be ≥ 1");
        if (options.ClimatologyHalfWindow < 0) throw new ArgumentOutOfRangeException(nameof(options), options.ClimatologyHalfWindow, "ClimatologyHalfWindow must be ≥ 0");
        if (!options.ClassTarget && options.ValueTargets.Count == 0)
            throw new ArgumentException("no target: set ClassTarget or ValueTargets", nameof(options));
        if (options.ClassTarget && !series.HasLabels)
            throw new ArgumentException($"{series.Source}: ClassTarget needs a series with labels", nameof(options));

        Series = series;
        Options = options;
        _featureColumns = options.Features.Select(series.ColumnIndex).ToArray();
        _targetColumns = options.ValueTargets.Select(series.ColumnIndex).ToArray();

        int lastRow = series.Length - 1 - options.Horizon;               // latest possible last input row
        int first = options.SequenceLength - 1;
        _sampleCount = lastRow < first ? 0 : (lastRow - first) / options.Stride + 1;
        SplitSizes = ChronologicalSplit.FromFractions(_sampleCount, options.TrainFraction, options.ValidationFraction);
        if (SplitSizes.Train < 1)
            throw new ArgumentException($"{series.Source}: {series.Length} rows give {_sampleCount} samples, too few for a training split", nameof(series));

        // Rows that appear in the inputs of training samples, and the training samples' target rows.
        var inTraining = new bool[series.Length];
        for (int i = 0; i < SplitSizes.Train; i++)
            for (int r = LastInputRowOf(i) - options.SequenceLength + 1; r <= LastInputRowOf(i); r++) inTraining[r] = true;
        var trainingRows = new List<int>();
        for (int r = 0; r < inTraining.Length; r++) if (inTraining[r]) trainingRows.Add(r);
        TrainingInputRows = trainingRows;
        var trainingTargetRows = Enumerable.Range(0, SplitSizes.Train).Select(i => LastInputRowOf(i) + options.Horizon).ToArray();

        FeatureNormalizer = featureNormalizer is null
            ? ZScoreNormalizer.Fit(series, options.Features, trainingRows)
            : CheckNames(featureNormalizer, options.Features, nameof(featureNormalizer));
        if (_targetColumns.Length > 0 && options.NormalizeValueTargets)
            TargetNormalizer = targetNormalizer is null
                ? ZScoreNormalizer.Fit(series, options.ValueTargets, trainingTargetRows)
                : CheckNames(targetNormalizer, options.ValueTargets, nameof(targetNormalizer));

        int f = _featureColumns.Length, v = _targetColumns.Length;
        _features = new float[series.Length * f];
        for (int c = 0; c < f; c++)
        {
            ReadOnlySpan<float> col = series.Column(_featureColumns[c]);
            for (int r = 0; r < series.Length; r++) _features[r * f + c] = FeatureNormalizer.Normalize(c, col[r]);
        }
        _targets = new float[series.Length * v];
        for (int c = 0; c < v; c++)
        {
            ReadOnlySpan<float> col = series.Column(_targetColumns[c]);
            for (int r = 0; r < series.Length; r++) _targets[r * v + c] = TargetNormalizer?.Normalize(c, col[r]) ?? col[r];
        }

        Shape = new TaskShape(options.SequenceLength, f, 0,
            options.ClassTarget ? series.LabelEncoding!.NumClasses : 0, v, false,
            options.Features.ToArray(),
            options.ClassTarget ? series.LabelEncoding!.ClassNames.ToArray() : [],
            options.ValueTargets.ToArray());
    }

    private static ZScoreNormalizer CheckNames(ZScoreNormalizer normalizer, IReadOnlyList<string> names, string paramName)
    {
        if (!normalizer.Names.SequenceEqual(names, StringComparer.Ordinal))
            throw new ArgumentException($"the normalizer has columns {string.Join(", ", normalizer.Names)}, the dataset needs {string.Join(", ", names)}", paramName);
        return normalizer;
    }

    public TaskShape Shape { get; }

    public TimeSeries Series { get; }

    public WindowOptions Options { get; }

    /// <summary>Sample counts of the three splits.</summary>
    public ChronologicalSplit SplitSizes { get; }

    /// <summary>Statistics applied to the features (fitted on <see cref="TrainingInputRows"/> unless given).</summary>
    public ZScoreNormalizer FeatureNormalizer { get; }

    /// <summary>Statistics applied to the value targets, or null when they stay raw (or there are none).</summary>
    public ZScoreNormalizer? TargetNormalizer { get; }

    /// <summary>The rows that appear in the inputs of training samples, ascending.</summary>
    public IReadOnlyList<int> TrainingInputRows { get; }

    public int Count(Split split) => SplitSizes.Count(split);

    /// <summary>Row of the last input step of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public int LastInputRow(Split split, int index)
    {
        if ((uint)index >= (uint)SplitSizes.Count(split))
            throw new ArgumentOutOfRangeException(nameof(index), index, $"outside the {split} split of {SplitSizes.Count(split)} samples");
        return LastInputRowOf(SplitSizes.Offset(split) + index);
    }

    /// <summary>Row whose label/values are the targets of sample <paramref name="index"/> of <paramref name="split"/>.</summary>
    public int TargetRow(Split split, int index) => LastInputRow(split, index) + Options.Horizon;

    private int LastInputRowOf(int sample) => Options.SequenceLength - 1 + sample * Options.Stride;

    /// <summary>A model's value output in the target's raw units (undoes the target normalization).</summary>
    public float DenormalizeValue(int target, float value) => TargetNormalizer?.Denormalize(target, value) ?? value;

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch)
    {
        DatasetGuard.CheckFill(Shape, SplitSizes.Count(split), split, indices, batch);
        int b = indices.Length, f = _featureColumns.Length, v = _targetColumns.Length, l = Options.SequenceLength;
        int offset = SplitSizes.Offset(split);
        batch.Size = b;
        for (int s = 0; s < b; s++)
        {
            int last = LastInputRowOf(offset + indices[s]);
            int start = last - l + 1;
            for (int t = 0; t < l; t++)
                _features.AsSpan((start + t) * f, f).CopyTo(batch.Inputs.AsSpan((t * b + s) * f, f));
            int target = last + Options.Horizon;
            if (Shape.NumClasses > 0) batch.Classes[s] = Series.Labels[target];
            if (v > 0) _targets.AsSpan(target * v, v).CopyTo(batch.Values.AsSpan(s * v, v));
        }
    }

    /// <summary>
    /// Class target: persistence (the label of the last input row), majority (the most frequent
    /// training target, lower class index on a tie), climatology (most frequent training target
    /// within ±<see cref="WindowOptions.ClimatologyHalfWindow"/> days of year) as accuracy. Value
    /// targets: persistence, mean (of the training targets) and climatology (mean of the training
    /// targets within the day-of-year window) as mae and rmse in raw units. Climatology needs a calendar.
    /// </summary>
    public IReadOnlyList<BaselineResult> Baselines(Split split)
    {
        int n = SplitSizes.Count(split);
        var results = new List<BaselineResult>();
        if (n == 0) return results;
        var targetRows = new int[n];
        var lastRows = new int[n];
        for (int i = 0; i < n; i++) (lastRows[i], targetRows[i]) = (LastInputRow(split, i), TargetRow(split, i));
        var trainTargetRows = Enumerable.Range(0, SplitSizes.Train).Select(i => TargetRow(Split.Train, i)).ToArray();

        if (Options.ClassTarget)
        {
            string name = Series.LabelName!;
            ReadOnlySpan<int> labels = Series.Labels;
            int classes = Shape.NumClasses;
            var persistence = new ClassificationMetrics(classes);
            var majority = new ClassificationMetrics(classes);
            int majorityClass = BaselineMath.MostFrequent(trainTargetRows.Select(r => Series.Labels[r]), classes);
            for (int i = 0; i < n; i++)
            {
                persistence.Add(labels[targetRows[i]], labels[lastRows[i]]);
                majority.Add(labels[targetRows[i]], majorityClass);
            }
            results.Add(new BaselineResult("persistence", name, "accuracy", persistence.Accuracy, n));
            results.Add(new BaselineResult("majority", name, "accuracy", majority.Accuracy, n));
            if (Series.HasCalendar)
            {
                int[] byDay = BaselineMath.ClimatologyClasses(Series, trainTargetRows, classes, Options.ClimatologyHalfWindow, majorityClass);
                var climatology = new ClassificationMetrics(classes);
                for (int i = 0; i < n; i++) climatology.Add(labels[targetRows[i]], byDay[Series.DayOfYear(targetRows[i])]);
                results.Add(new BaselineResult("climatology", name, "accuracy", climatology.Accuracy, n));
            }
        }

        for (int v = 0; v < _targetColumns.Length; v++)
        {
            string name = Options.ValueTargets[v];
            ReadOnlySpan<float> col = Series.Column(_targetColumns[v]);
            double trainMean = 0;
            foreach (int r in trainTargetRows) trainMean += col[r];
            trainMean /= trainTargetRows.Length;
            double[]? byDay = Series.HasCalendar
                ? BaselineMath.ClimatologyMeans(Series, col, trainTargetRows, Options.ClimatologyHalfWindow, trainMean)
                : null;
            var persistence = new RegressionMetrics();
            var mean = new RegressionMetrics();
            var climatology = new RegressionMetrics();
            for (int i = 0; i < n; i++)
            {
                float actual = col[targetRows[i]];
                persistence.Add(actual, col[lastRows[i]]);
                mean.Add(actual, trainMean);
                if (byDay is not null) climatology.Add(actual, byDay[Series.DayOfYear(targetRows[i])]);
            }
            results.Add(new BaselineResult("persistence", name, "mae", persistence.MeanAbsoluteError, n));
            results.Add(new BaselineResult("persistence", name, "rmse", persistence.RootMeanSquaredError, n));
            results.Add(new BaselineResult("mean", name, "mae", mean.MeanAbsoluteError, n));
            results.Add(new BaselineResult("mean", name, "rmse", mean.RootMeanSquaredError, n));
            if (byDay is not null)
            {
                results.Add(new BaselineResult("climatology", name, "mae", climatology.MeanAbsoluteError, n));
                results.Add(new BaselineResult("climatology", name, "rmse", climatology.RootMeanSquaredError, n));
            }
        }
        return results;
    }
}
