using System.Text.Json;
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
    public const string Format = "rnnplayground-checkpoint/1";
    private const string OptimizerPrefix = "__optimizer__.";
    private const string OrderName = "__trainer__.order";

    /// <summary>Saves the trainer's model, optimizer, schedule, position and random state, plus <paramref name="extra"/> metadata.</summary>
    public static void Save(string path, Trainer trainer, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var floats = WeightTensors(trainer.Model.Parameters);
        foreach ((string slot, float[] values) in trainer.Optimizer.StateBuffers)
            floats.Add((OptimizerPrefix + slot, [trainer.Model.Parameters.Count], values.AsSpan(0, trainer.Model.Parameters.Count).ToArray()));
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
        meta["trainer"] = new JsonObject { ["step"] = state.Step, ["epoch"] = state.Epoch, ["position"] = state.Position }.ToJsonString();
        meta["rng"] = trainer.Random.SaveState();
        SafeTensorsFile.Write(path, floats, [(OrderName, [state.Order.Length], state.Order)], meta);
    }

    /// <summary>
    /// Restores a checkpoint written by <see cref="Save"/> into a trainer built the same way
    /// (same model, optimizer kind, schedule kind and training split). Returns the metadata.
    /// </summary>
    /// <exception cref="CheckpointException">The file is unreadable or was made for something else; the trainer is unchanged.</exception>
    public static IReadOnlyDictionary<string, string> Restore(string path, Trainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        (Dictionary<string, SafeTensor> tensors, Dictionary<string, string> meta) = SafeTensorsFile.Read(path);
        string format = Required(path, meta, "format");
        if (format != Format) throw new CheckpointException(path, $"format is '{format}', expected '{Format}'");
        ModelSpec saved;
        try { saved = ModelSpec.FromJson(Required(path, meta, "model")); }
        catch (FormatException e) { throw new CheckpointException(path, e.Message, e); }
        if (!saved.Equals(trainer.Model.Spec))
            throw new CheckpointException(path, $"it holds a different model: {saved.ToJson()} (this run has {trainer.Model.Spec.ToJson()})");
        ParameterStore store = trainer.Model.Parameters;
        float[] weights = CollectWeights(path, tensors, store);

        JsonObject opt = ParseObject(path, meta, "optimizer");
        string optKind = opt["kind"]?.GetValue<string>() ?? "";
        if (optKind != trainer.Optimizer.Kind)
            throw new CheckpointException(path, $"it holds {optKind} optimizer state but this run uses {trainer.Optimizer.Kind}");
        long optStep = GetLong(path, opt, "step");
        float optLr = (float)GetDouble(path, opt, "lr");
        var buffers = new List<(float[] Target, float[] Values)>();
        foreach ((string slot, float[] target) in trainer.Optimizer.StateBuffers)
        {
            if (!tensors.TryGetValue(OptimizerPrefix + slot, out SafeTensor? t))
                throw new CheckpointException(path, $"optimizer state '{slot}' is missing");
            if (t.Floats.Length != store.Count)
                throw new CheckpointException(path, $"optimizer state '{slot}' has {t.Floats.Length} values, the model has {store.Count} parameters");
            buffers.Add((target, t.Floats));
        }

        JsonObject sched = ParseObject(path, meta, "schedule");
        string schedKind = sched["kind"]?.GetValue<string>() ?? "";
        if (schedKind != trainer.Schedule.Kind)
            throw new CheckpointException(path, $"it holds a {schedKind} schedule but this run uses {trainer.Schedule.Kind}");
        string schedState = sched["state"]?.GetValue<string>() ?? "";

        JsonObject tr = ParseObject(path, meta, "trainer");
        if (!tensors.TryGetValue(OrderName, out SafeTensor? order) || order.DType != "I32")
            throw new CheckpointException(path, "the trainer's sample order is missing");
        var trainerState = new TrainerState(GetLong(path, tr, "step"), (int)GetLong(path, tr, "epoch"), (int)GetLong(path, tr, "position"), order.Ints);
        string rng = Required(path, meta, "rng");

        // Checked so far without changing anything; the schedule and trainer check their own state
        // as they restore it, and the schedule is put back if the trainer refuses.
        try
        {
            new RandomSource(0).RestoreState(rng);
        }
        catch (FormatException e)
        {
            throw new CheckpointException(path, $"random state is invalid: {e.Message}", e);
        }
        string previousSchedule = trainer.Schedule.SaveState();
        try
        {
            trainer.Schedule.RestoreState(schedState);
        }
        catch (FormatException e)
        {
            throw new CheckpointException(path, $"schedule state is invalid: {e.Message}", e);
        }
        try
        {
            trainer.RestoreState(trainerState);
        }
        catch (ArgumentException e)
        {
            trainer.Schedule.RestoreState(previousSchedule);
            throw new CheckpointException(path, e.Message, e);
        }
        weights.CopyTo(store.Values, 0);
        foreach ((float[] target, float[] values) in buffers) values.CopyTo(target, 0);
        trainer.Optimizer.RestoreStepCount(optStep);
        trainer.Optimizer.LearningRate = optLr;
        trainer.Random.RestoreState(rng);
        return meta;
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
    /// Every parameter must be present with its shape; nothing is changed otherwise. Returns the metadata.
    /// </summary>
    /// <exception cref="CheckpointException">A parameter is missing or shaped differently, or the file is invalid.</exception>
    public static IReadOnlyDictionary<string, string> LoadWeights(string path, SequenceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        (Dictionary<string, SafeTensor> tensors, Dictionary<string, string> meta) = SafeTensorsFile.Read(path);
        float[] weights = CollectWeights(path, tensors, model.Parameters);
        weights.CopyTo(model.Parameters.Values, 0);
        return meta;
    }

    /// <summary>The model description stored in a checkpoint or weights file we wrote.</summary>
    public static ModelSpec ReadModelSpec(string path)
    {
        (_, Dictionary<string, string> meta) = SafeTensorsFile.Read(path);
        try { return ModelSpec.FromJson(Required(path, meta, "model")); }
        catch (FormatException e) { throw new CheckpointException(path, e.Message, e); }
    }

    private static List<(string Name, int[] Shape, float[] Values)> WeightTensors(ParameterStore store) =>
        store.Parameters.Select(p => (p.Name, p.Shape.ToArray(), p.Values.ToArray())).ToList();

    private static float[] CollectWeights(string path, Dictionary<string, SafeTensor> tensors, ParameterStore store)
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

    private static string Required(string path, Dictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out string? v) ? v : throw new CheckpointException(path, $"metadata '{key}' is missing (not an RnnPlayground checkpoint?)");

    private static JsonObject ParseObject(string path, Dictionary<string, string> meta, string key)
    {
        try
        {
            return JsonNode.Parse(Required(path, meta, key))?.AsObject() ?? throw new CheckpointException(path, $"metadata '{key}' is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CheckpointException(path, $"metadata '{key}' is not valid JSON", e);
        }
    }

    private static long GetLong(string path, JsonObject o, string key)
    {
        try { return o[key]!.GetValue<long>(); }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(path, $"'{key}' is missing or not an integer", e);
        }
    }

    private static double GetDouble(string path, JsonObject o, string key)
    {
        try { return o[key]!.GetValue<double>(); }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(path, $"'{key}' is missing or not a number", e);
        }
    }
}
