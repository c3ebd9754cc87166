using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;

namespace RnnPlayground.Core.Training;

/// <summary>
/// Scores a model on a split of its dataset, in order, in batches (no training, no dropout);
/// sequences of different lengths as padded, masked batches, padding scoring nothing.
/// </summary>
public sealed class Evaluator
{
    private readonly SequenceModel _model;
    private readonly ISequenceDataset _data;
    private readonly TaskLoss _loss;
    private readonly Batch _batch;
    private readonly int[] _indices;
    private readonly float[] _scratch;

    public Evaluator(SequenceModel model, ISequenceDataset data, TaskLoss loss, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Trainer.CheckCompatible(model, data.Shape, loss);
        _model = model;
        _data = data;
        _loss = loss;
        _batch = new Batch(data.Shape, batchSize);
        _indices = new int[batchSize];
        int targetSteps = data.Shape.TargetEveryStep ? data.Shape.SequenceLength : 1;
        _scratch = new float[targetSteps * batchSize * model.OutputWidth];
    }

    /// <summary>Evaluates every sample of <paramref name="split"/>; NaN scores when the split is empty.</summary>
    public EvaluationResult Evaluate(Split split)
    {
        TaskShape shape = _data.Shape;
        int n = _data.Count(split), c = shape.NumClasses, v = shape.NumValues, width = shape.OutputWidth;
        var classes = c > 0 ? new ClassificationMetrics(c) : null;
        var values = v > 0 ? new RegressionMetrics() : null;
        bool carry = _model.CarryState;
        _model.CarryState = false;
        double lossSum = 0;
        long lossRows = 0;
        for (int start = 0; start < n; start += _batch.Capacity)
        {
            int size = Math.Min(_batch.Capacity, n - start);
            for (int i = 0; i < size; i++) _indices[i] = start + i;
            _batch.Size = size;
            _data.Fill(split, _indices.AsSpan(0, size), _batch);
            int steps = _batch.Steps;
            Activations input = shape.TokenInput
                ? Activations.FromTokens(_batch.Tokens, steps, size)
                : new Activations(_batch.Inputs, steps, size, shape.InputFeatures);
            Activations output = _model.Forward(input, shape.VariableLength ? _batch.Lengths.AsSpan(0, size) : default, training: false);
            int rows = output.Rows;
            ReadOnlySpan<int> targetClasses = c > 0 ? _batch.Classes.AsSpan(0, rows) : default;
            ReadOnlySpan<float> targetValues = v > 0 ? _batch.Values.AsSpan(0, rows * v) : default;
            LossValue lv = _loss.Compute(output.Span, rows, targetClasses, targetValues, _scratch);
            lossSum += lv.Total * rows;
            lossRows += rows;
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> row = output.Data.AsSpan(r * width, width);
                if (classes is not null && targetClasses[r] >= 0)
                    classes.Add(targetClasses[r], ClassificationMetrics.ArgMax(row[..c]));
                if (values is not null)
                    for (int k = 0; k < v; k++)
                        values.Add(RawValue(k, targetValues[r * v + k]), RawValue(k, row[c + k]));
            }
        }
        _model.CarryState = carry;

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = lossRows > 0 ? lossSum / lossRows : double.NaN };
        double accuracy = double.NaN, mae = double.NaN, rmse = double.NaN;
        int[] confusion = [];
        if (classes is not null)
        {
            accuracy = classes.Accuracy;
            metrics["accuracy"] = accuracy;
            confusion = new int[c * c];
            classes.CopyConfusion(confusion);
            for (int k = 0; k < c; k++)
            {
                string name = k < shape.ClassNames.Count ? shape.ClassNames[k] : k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                metrics[$"precision_{name}"] = classes.Precision(k);
                metrics[$"recall_{name}"] = classes.Recall(k);
            }
        }
        if (values is not null)
        {
            mae = values.MeanAbsoluteError;
            rmse = values.RootMeanSquaredError;
            metrics["mae"] = mae;
            metrics["rmse"] = rmse;
        }
        return new EvaluationResult(split, n, metrics["loss"], accuracy, mae, rmse, shape.ClassNames, confusion, metrics);
    }

    private float RawValue(int target, float value) => _data is WindowedDataset w ? w.DenormalizeValue(target, value) : value;
}
