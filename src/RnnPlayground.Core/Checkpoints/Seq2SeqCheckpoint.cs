using RnnPlayground.Core.Layers.Seq2Seq;

namespace RnnPlayground.Core.Checkpoints;

/// <summary>
/// An encoder–decoder's weights in a safetensors file under their PyTorch-style names
/// (<c>encoder.*</c>, <c>decoder.*</c>, <c>attention.*</c>), with the model description and any
/// caller metadata (vocabularies…) in the header, written atomically with its checksum like every
/// file of ours; loading checks every name and shape before changing anything.
/// </summary>
public static class Seq2SeqCheckpoint
{
    /// <summary>The metadata key of the model description.</summary>
    public const string ModelKey = "seq2seq";

    /// <summary>Writes the model's weights plus <paramref name="extra"/> metadata.</summary>
    public static void Save(string path, Seq2SeqModel model, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null)
            foreach ((string k, string v) in extra) meta[k] = v;
        meta["format"] = TrainingCheckpoint.Format;
        meta[ModelKey] = model.Spec.ToJson();
        SafeTensorsFile.Write(path, TrainingCheckpoint.WeightTensors(model.Parameters), [], meta);
    }

    /// <summary>
    /// Loads the weights into <paramref name="model"/> (every parameter present with its shape, nothing
    /// else; a file of ours must hold the same model description). Returns the file's contents.
    /// </summary>
    /// <exception cref="CheckpointException">The file is invalid or holds another model; the model is unchanged.</exception>
    public static SafeTensorsContents Load(string path, Seq2SeqModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        if (contents.Metadata.TryGetValue(ModelKey, out string? json))
        {
            Seq2SeqSpec saved = ReadSpec(path, json);
            if (saved != model.Spec)
                throw new CheckpointException(path, $"it holds a different model: {json} (this one is {model.Spec.ToJson()})");
        }
        float[] weights = TrainingCheckpoint.CollectWeights(path, contents.Tensors, model.Parameters);
        weights.CopyTo(model.Parameters.Values, 0);
        return contents;
    }

    /// <summary>The model description stored in a file written by <see cref="Save"/>.</summary>
    public static Seq2SeqSpec ReadSpec(string path)
    {
        SafeTensorsContents contents = SafeTensorsFile.Read(path);
        if (!contents.Metadata.TryGetValue(ModelKey, out string? json))
            throw new CheckpointException(path, $"metadata '{ModelKey}' is missing: not an encoder–decoder written by RnnPlayground");
        return ReadSpec(path, json);
    }

    private static Seq2SeqSpec ReadSpec(string path, string json)
    {
        try
        {
            Seq2SeqSpec spec = Seq2SeqSpec.FromJson(json);
            spec.Validate();
            return spec;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CheckpointException(path, $"metadata '{ModelKey}' is invalid: {e.Message}", e);
        }
    }
}
