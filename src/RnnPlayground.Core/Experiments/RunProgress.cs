using System.Globalization;
using System.Text.Json.Nodes;
using RnnPlayground.Core.Checkpoints;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// What a run has reached beyond the trainer's own state: model selection (the best validation
/// score, its step, its weights, evaluations since it improved), the last step's loss and the
/// averaged gradient norms per time step. It goes into every checkpoint (metadata <c>run</c>,
/// tensors <c>__run__.*</c>), so a resumed run selects, stops early and reports as an
/// uninterrupted one would.
/// </summary>
internal sealed class RunProgress
{
    public const string MetadataKey = "run";
    private const string BestWeightsTensor = "__run__.best_weights";
    private const string NormAverageTensor = "__run__.grad_norm_average";

    /// <summary>The best validation score so far (NaN before the first evaluation).</summary>
    public double Best { get; set; } = double.NaN;

    /// <summary>The step the best score was reached at.</summary>
    public long BestStep { get; set; }

    /// <summary>The parameters at <see cref="BestStep"/> (null before the first evaluation).</summary>
    public float[]? BestParameters { get; set; }

    /// <summary>Evaluations since the best score last improved (for patience).</summary>
    public int EvaluationsWithoutImprovement { get; set; }

    /// <summary>The loss of the latest training step (NaN before the first).</summary>
    public double LastLoss { get; set; } = double.NaN;

    /// <summary>Exponential average of the per-step gradient norms (null until tracked).</summary>
    public float[]? NormAverage { get; set; }

    /// <summary>Training steps folded into <see cref="NormAverage"/>.</summary>
    public long NormSamples { get; set; }

    /// <summary>The metadata entry and tensors that store this progress in a checkpoint.</summary>
    public (string Json, List<(string Name, int[] Shape, float[] Values)> Tensors) ToCheckpoint()
    {
        var o = new JsonObject
        {
            ["best"] = double.IsNaN(Best) ? null : Best,
            ["best_step"] = BestStep,
            ["bad_evaluations"] = EvaluationsWithoutImprovement,
            ["last_loss"] = double.IsNaN(LastLoss) ? null : LastLoss,
            ["norm_samples"] = NormSamples,
        };
        var tensors = new List<(string, int[], float[])>();
        if (BestParameters is not null) tensors.Add((BestWeightsTensor, [BestParameters.Length], BestParameters));
        if (NormAverage is not null) tensors.Add((NormAverageTensor, [NormAverage.Length], NormAverage));
        return (o.ToJsonString(), tensors);
    }

    /// <summary>
    /// Reads the progress from a restored checkpoint of a run at <paramref name="step"/> with
    /// <paramref name="parameterCount"/> parameters and <paramref name="sequenceLength"/> time
    /// steps, checking every value; a checkpoint without it (one saved outside a run) gives a fresh start.
    /// </summary>
    /// <exception cref="CheckpointException">A value is out of range or a tensor has the wrong size, naming the file and field.</exception>
    public static RunProgress FromCheckpoint(string path, SafeTensorsContents contents, long step, int parameterCount, int sequenceLength)
    {
        var progress = new RunProgress();
        if (!contents.Metadata.ContainsKey(MetadataKey)) return progress;
        var f = CheckpointFields.Parse(path, contents.Metadata, MetadataKey, "best", "best_step", "bad_evaluations", "last_loss", "norm_samples");
        progress.BestStep = f.Integer("best_step", 0, step, "the checkpoint's step");
        progress.EvaluationsWithoutImprovement = (int)f.Integer("bad_evaluations", 0, Math.Min(int.MaxValue, step), "the checkpoint's step");
        progress.NormSamples = f.Integer("norm_samples", 0, step, "the checkpoint's step");
        if (f.Has("last_loss")) progress.LastLoss = f.Number("last_loss", 0, double.MaxValue);
        if (f.Has("best"))
        {
            progress.Best = f.Number("best", double.MinValue, double.MaxValue);
            progress.BestParameters = Tensor(path, contents, BestWeightsTensor, parameterCount, "the model's parameters");
        }
        else if (contents.Tensors.ContainsKey(BestWeightsTensor))
        {
            throw f.Refuse("best", "is missing but the best weights are stored");
        }
        if (progress.NormSamples > 0) progress.NormAverage = Tensor(path, contents, NormAverageTensor, sequenceLength, "the sequence's steps");
        return progress;
    }

    private static float[] Tensor(string path, SafeTensorsContents contents, string name, int length, string what)
    {
        if (!contents.Tensors.TryGetValue(name, out SafeTensor? t) || t.Floats.Length != length || t.Shape.Length != 1)
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture,
                $"tensor '{name}' is missing or not {length} float values ({what})"));
        foreach (float v in t.Floats)
            if (!float.IsFinite(v)) throw new CheckpointException(path, $"tensor '{name}' holds a non-finite value");
        return t.Floats;
    }
}
