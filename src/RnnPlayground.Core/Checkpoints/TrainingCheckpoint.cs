using System.Text.Json.Nodes;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>
/// A whole training state in one safetensors file: the model weights under their PyTorch names
/// (so <c>safetensors.torch.load_file</c> + <c>load_state_dict</c> works after dropping the
/// <c>__</c>-prefixed entries), the optimizer's moments, and in the metadata the model
/// description, optimizer settings and step, schedule state, trainer position, the random
/// source's state and any caller data (normalization, class names…). Written atomically;
/// restoring checks everything before changing anything.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Format = "rnnplayground-checkpoint/2";
    private const string FormatPrefix = "rnnplayground-checkpoint/";
    private const string OptimizerPrefix = "__optimizer__.";
    private const string OrderName = "__trainer__.order";

    /// <summary>
    /// Saves the trainer's model, optimizer, schedule, position and random state, plus
    /// <paramref name="extra"/> metadata and <paramref name="extraTensors"/> (caller state such as
    /// the best weights so far; names start with <c>__</c> so they are never taken for weights).
    /// </summary>
    public static void Save(string path, Trainer trainer, IReadOnlyDictionary<string, string>? extra = null,
        IReadOnlyList<(string Name, int[] Shape, float[] Values)>? extraTensors = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var floats = WeightTensors(trainer.Model.Parameters);
        foreach ((string slot, float[] values) in trainer.Optimizer.StateBuffers)
            floats.Add((OptimizerPrefix + slot, [trainer.Model.Parameters.Count], values.AsSpan(0, trainer.Model.Parameters.Count).ToArray()));
        foreach ((string name, int[] shape, float[] values) in extraTensors ?? [])
        {
            if (!name.StartsWith("__", StringComparison.Ordinal) || name.StartsWith(OptimizerPrefix, StringComparison.Ordinal) || name == OrderName)
                throw new ArgumentException($"caller tensor '{name}' must start with '__' and not be one of the trainer's", nameof(extraTensors));
            floats.Add((name, shape, values));
        }
        TrainerState state = trainer.SaveState();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null)
            foreach ((string k, string v) in extra) meta[k] = v;
        meta["format"] = Format;
        meta["model"] = trainer.Model.Spec.ToJson();
        meta["optimizer"] = new JsonObject
        {
            ["kind"] = trainer.Optimizer.Kind,
            ["step"] = trainer.Optimizer.StepCount,
            ["lr"] = trainer.Optimizer.LearningRate,
        }.ToJsonString();
        meta["schedule"] = new JsonObject { ["kind"] = trainer.Schedule.Kind, ["state"] = trainer.Schedule.SaveState() }.ToJsonString();
        var trainerMeta = new JsonObject { ["step"] = state.Step, ["epoch"] = state.Epoch, ["position"] = state.Position };
        if (state.LearningRateOverride is { } lrOverride) trainerMeta["lr_override"] = lrOverride;
        meta["trainer"] = trainerMeta.ToJsonString();
        meta["rng"] = trainer.Random.SaveState();
        SafeTensorsFile.Write(path, floats, [(OrderName, [state.Order.Length], state.Order)], meta);
    }

    /// <summary>
    /// Restores a checkpoint written by <see cref="Save"/> into a trainer built the same way
    /// (same model, optimizer kind, schedule kind and training split). Only files in our format
    /// whose checksum covers the header are accepted; every header value is range-checked against
    /// the trainer. Returns the file's contents (metadata and the caller's tensors).
    /// </summary>
    /// <exception cref="CheckpointException">The file is unreadable, was edited, or was made for something else; the trainer is unchanged.</exception>
    public static SafeTensorsContents Restore(string path, Trainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        (IReadOnlyDictionary<string, SafeTensor> tensors, IReadOnlyDictionary<string, string> meta) = (contents.Tensors, contents.Metadata);
        CheckOwnFormat(path, contents, resuming: true);
        ModelSpec saved = SavedSpec(path, meta);
        if (!saved.Equals(trainer.Model.Spec))
            throw new CheckpointException(path, $"it holds a different model: {saved.ToJson()} (this run has {trainer.Model.Spec.ToJson()})");
        ParameterStore store = trainer.Model.Parameters;
        float[] weights = CollectWeights(path, tensors, store);
        RequireFinite(path, "the weights", weights);

        var tr = CheckpointFields.Parse(path, meta, "trainer", "step", "epoch", "position", "lr_override");
        long step = tr.Integer("step", 0, long.MaxValue / Math.Max(1, trainer.UpdatesPerStep));
        int batchesPerEpoch = trainer.BatchesPerEpoch;
        int epoch = (int)tr.Integer("epoch", 0, Math.Min(int.MaxValue, step / batchesPerEpoch), $"{step} steps of {batchesPerEpoch} per epoch");
        int position = (int)tr.Integer("position", 0, trainer.TrainingSamples, "the training split's size");
        float? lrOverride = tr.Has("lr_override") ? (float)tr.Number("lr_override", 0, float.MaxValue, exclusiveMin: true) : null;

        var opt = CheckpointFields.Parse(path, meta, "optimizer", "kind", "step", "lr");
        string optKind = opt.String("kind");
        if (optKind != trainer.Optimizer.Kind)
            throw opt.Refuse("kind", $"is {optKind} but this run uses {trainer.Optimizer.Kind}");
        int updates = trainer.UpdatesPerStep;
        long optStep = opt.Integer("step", Math.Max(0, step - 1) * updates, step * updates, $"{step} training steps of {updates} update(s) each");
        float maxLr = Math.Max(trainer.Schedule.BaseLearningRate, lrOverride ?? 0f);
        float optLr = (float)opt.Number("lr", 0, maxLr * (1 + 1e-6), exclusiveMin: true, "the schedule's base rate or the override");
        var buffers = new List<(float[] Target, float[] Values)>();
        foreach ((string slot, float[] target) in trainer.Optimizer.StateBuffers)
        {
            if (!tensors.TryGetValue(OptimizerPrefix + slot, out SafeTensor? t))
                throw new CheckpointException(path, $"optimizer state '{slot}' is missing");
            if (t.Floats.Length != store.Count)
                throw new CheckpointException(path, $"optimizer state '{slot}' has {t.Floats.Length} values, the model has {store.Count} parameters");
            RequireFinite(path, $"optimizer state '{slot}'", t.Floats);
            buffers.Add((target, t.Floats));
        }

        var sched = CheckpointFields.Parse(path, meta, "schedule", "kind", "state");
        string schedKind = sched.String("kind");
        if (schedKind != trainer.Schedule.Kind)
            throw sched.Refuse("kind", $"is {schedKind} but this run uses a {trainer.Schedule.Kind} schedule");
        string schedState = sched.String("state");

        if (!tensors.TryGetValue(OrderName, out SafeTensor? order) || order.DType != "I32" || order.Shape.Length != 1)
            throw new CheckpointException(path, $"tensor '{OrderName}' (the trainer's sample order, I32) is missing");
        var trainerState = new TrainerState(step, epoch, position, order.Ints, lrOverride);
        if (!meta.TryGetValue("rng", out string? rng)) throw new CheckpointException(path, "metadata 'rng' is missing");

        // Checked so far without changing anything; the schedule and trainer check their own state
        // as they restore it, and the schedule is put back if the trainer refuses.
        try
        {
            new RandomSource(0).RestoreState(rng);
        }
        catch (FormatException e)
        {
            throw new CheckpointException(path, $"metadata 'rng' is invalid: {e.Message}", e);
        }
        string previousSchedule = trainer.Schedule.SaveState();
        try
        {
            trainer.Schedule.RestoreState(schedState);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            trainer.Schedule.RestoreState(previousSchedule);
            throw new CheckpointException(path, $"metadata 'schedule.state' is invalid: {e.Message}", e);
        }
        try
        {
            trainer.RestoreState(trainerState);
        }
        catch (ArgumentException e)
        {
            trainer.Schedule.RestoreState(previousSchedule);
            throw new CheckpointException(path, $"tensor '{OrderName}': {e.Message}", e); // the position was range-checked above
        }
        weights.CopyTo(store.Values, 0);
        foreach ((float[] target, float[] values) in buffers) values.CopyTo(target, 0);
        trainer.Optimizer.RestoreStepCount(optStep);
        trainer.Optimizer.LearningRate = optLr;
        trainer.Random.RestoreState(rng);
        return contents;
    }

    /// <summary>Writes only the model weights (a plain PyTorch-style state dict) plus <paramref name="extra"/> metadata.</summary>
    public static void SaveWeights(string path, SequenceModel model, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null)
            foreach ((string k, string v) in extra) meta[k] = v;
        meta["format"] = Format;
        meta["model"] = model.Spec.ToJson();
        SafeTensorsFile.Write(path, WeightTensors(model.Parameters), [], meta);
    }

    /// <summary>
    /// Loads weights by name from any safetensors file holding them (one of ours, or a PyTorch
    /// <c>state_dict</c> saved with <c>safetensors.torch.save_file</c>; F32/F64/F16/BF16).
    /// A file in our format must carry its checksum; one from elsewhere has none
    /// (<see cref="SafeTensorsContents.Verified"/> false: the caller should say so). Every
    /// parameter must be present with its shape; nothing is changed otherwise. Returns the contents.
    /// </summary>
    /// <exception cref="CheckpointException">A parameter is missing or shaped differently, or the file is invalid.</exception>
    public static SafeTensorsContents LoadWeights(string path, SequenceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        CheckOwnFormat(path, contents, resuming: false);
        float[] weights = CollectWeights(path, contents.Tensors, model.Parameters);
        weights.CopyTo(model.Parameters.Values, 0);
        return contents;
    }

    /// <summary>The model description stored in a checkpoint or weights file we wrote.</summary>
    public static ModelSpec ReadModelSpec(string path)
    {
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        CheckOwnFormat(path, contents, resuming: false);
        return SavedSpec(path, contents.Metadata);
    }

    /// <summary>
    /// A file naming our format must carry the checksum (and for resuming, the current format's,
    /// which covers the header). A file without a format is someone else's: weights only.
    /// </summary>
    private static void CheckOwnFormat(string path, SafeTensorsContents contents, bool resuming)
    {
        if (!contents.Metadata.TryGetValue("format", out string? format))
        {
            if (resuming) throw new CheckpointException(path, "metadata 'format' is missing: not an RnnPlayground training checkpoint (a weights file from elsewhere can only be evaluated)");
            return;
        }
        if (format != Format && format != SafeTensorsFile.DataOnlyChecksumFormat)
            throw new CheckpointException(path, format.StartsWith(FormatPrefix, StringComparison.Ordinal)
                ? $"metadata 'format' is '{format}', a version this program does not know (it reads '{Format}')"
                : $"metadata 'format' is '{format}', not '{Format}'");
        if (!contents.Metadata.ContainsKey(SafeTensorsFile.ChecksumKey))
            throw new CheckpointException(path, $"metadata '{SafeTensorsFile.ChecksumKey}' is missing: an RnnPlayground file always carries its checksum, so this one was edited or damaged");
        if (resuming && format != Format)
            throw new CheckpointException(path, $"metadata 'format' is '{format}', written by an earlier version whose checksum does not cover the header: it can be evaluated but not resumed");
    }

    private static ModelSpec SavedSpec(string path, IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue("model", out string? json)) throw new CheckpointException(path, "metadata 'model' is missing (not an RnnPlayground checkpoint?)");
        try { return ModelSpec.FromJson(json); }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new CheckpointException(path, $"metadata 'model' is invalid: {e.Message}", e);
        }
    }

    private static void RequireFinite(string path, string what, float[] values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) throw new CheckpointException(path, $"{what} hold a non-finite value ({values[i]}) at {i}");
    }

    internal static List<(string Name, int[] Shape, float[] Values)> WeightTensors(ParameterStore store) =>
        store.Parameters.Select(p => (p.Name, p.Shape.ToArray(), p.Values.ToArray())).ToList();

    internal static float[] CollectWeights(string path, IReadOnlyDictionary<string, SafeTensor> tensors, ParameterStore store)
    {
        var weights = new float[store.Count];
        var problems = new List<string>();
        foreach (Parameter p in store.Parameters)
        {
            if (!tensors.TryGetValue(p.Name, out SafeTensor? t))
            {
                problems.Add($"'{p.Name}' is missing");
                continue;
            }
            if (t.Floats.Length == 0 && t.Length > 0)
            {
                problems.Add($"'{p.Name}' is {t.DType}, not floating point");
                continue;
            }
            if (!t.Shape.SequenceEqual(p.Shape))
            {
                problems.Add($"'{p.Name}' has shape [{string.Join(", ", t.Shape)}] in the file but {p.ShapeText} in the model");
                continue;
            }
            t.Floats.CopyTo(weights, p.Offset);
        }
        var unexpected = tensors.Keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal) && store.Find(k) is null).ToList();
        if (unexpected.Count > 0) problems.Add($"unexpected tensors {string.Join(", ", unexpected.Select(k => $"'{k}'"))}");
        if (problems.Count > 0)
            throw new CheckpointException(path, $"weights do not fit this model: {string.Join("; ", problems)}");
        return weights;
    }
}
