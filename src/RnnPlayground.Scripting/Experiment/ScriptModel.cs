using RnnPlayground.Core.Layers;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// A layer a script described (<c>rnn.nn.lstm{hidden = 32}</c>): its spec, with the sizes the
/// script left out (input, output, vocabulary) filled in when the model meets its data.
/// </summary>
/// <param name="DeclaredInput">The input width the script stated, checked against the layer below; null when left out.</param>
/// <param name="Output">A linear layer's output width; 0 when left out (then it serves the task).</param>
public sealed record ScriptLayer(string Function, LayerSpec Spec, int? DeclaredInput, int Output = 0)
{
    public override string ToString() => Spec switch
    {
        RecurrentSpec r => $"{Function}(hidden {r.Hidden}, {r.Layers} layer{(r.Layers == 1 ? "" : "s")})",
        LinearSpec => Output > 0 ? $"linear({Output})" : "linear",
        EmbeddingSpec e => $"embedding({e.Dimension})",
        DropoutSpec d => $"dropout({d.Probability})",
        _ => Function,
    };
}

/// <summary>
/// A model a script described with <c>rnn.nn.sequential{…}</c>. It is built (sizes resolved
/// against the data) when the experiment is made; from then on <see cref="Built"/> is the live
/// model that <c>model:predict</c>, <c>model:sample</c> and <c>rnn.save/load</c> use.
/// </summary>
public sealed class ScriptModel(IReadOnlyList<ScriptLayer> layers, HeadMode? head)
{
    public IReadOnlyList<ScriptLayer> Layers { get; } = layers;

    /// <summary>The head the script asked for; null lets the data decide.</summary>
    public HeadMode? Head { get; } = head;

    /// <summary>The model being trained, once the experiment exists.</summary>
    public SequenceModel? Built { get; internal set; }

    /// <summary>The data the model was built for.</summary>
    public ScriptDataset? Data { get; internal set; }

    /// <summary>Seed for sampling when the script gives none.</summary>
    internal ulong Seed { get; set; } = 1;

    public override string ToString() => $"Model({string.Join(" → ", Layers)}{(Built is null ? "" : ", built")})";

    /// <summary>
    /// The model with the sizes that only the data gives taken as 1 (the input width, the last
    /// linear layer's output): what its size is at least, before it meets its data.
    /// </summary>
    public ModelSpec Provisional()
    {
        var specs = new List<LayerSpec>();
        foreach (ScriptLayer layer in Layers)
            specs.Add(layer.Spec is LinearSpec l ? l with { Output = Math.Max(layer.Output, 1) } : layer.Spec);
        int input = Layers.Count > 0 ? Layers[0].DeclaredInput ?? 1 : 1;
        bool tokens = Layers.Count > 0 && Layers[0].Spec is EmbeddingSpec;
        return new ModelSpec(tokens ? 0 : input, tokens ? input : 0, specs, Head ?? HeadMode.LastStep);
    }

    /// <summary>Resolves the sizes left out against the data and returns the full model description.</summary>
    /// <exception cref="Scripting.ScriptArgumentException">A stated size does not fit.</exception>
    public ModelSpec Resolve(ScriptDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Core.Data.TaskShape shape = data.Shape;
        var specs = new List<LayerSpec>();
        int width = shape.TokenInput ? 0 : shape.InputFeatures;
        for (int i = 0; i < Layers.Count; i++)
        {
            ScriptLayer layer = Layers[i];
            string where = $"layer {i + 1} ({layer.Function})";
            if (layer.Spec is EmbeddingSpec e)
            {
                if (!shape.TokenInput)
                    throw new ScriptArgumentException($"{where}: an embedding needs token input, but the data gives {shape.InputFeatures} float features per step");
                if (layer.DeclaredInput is { } vocab && vocab != shape.VocabularySize)
                    throw new ScriptArgumentException($"{where}: 'vocab' is {vocab} but the data's vocabulary has {shape.VocabularySize} tokens");
                specs.Add(e);
                width = e.Dimension;
                continue;
            }
            if (width == 0)
                throw new ScriptArgumentException($"{where}: the data gives token ids (vocabulary {shape.VocabularySize}); start the model with rnn.nn.embedding{{dim = …}}");
            if (layer.DeclaredInput is { } declared && declared != width)
                throw new ScriptArgumentException($"{where}: 'input' is {declared} but {(i == 0 ? "the data gives" : "the layer before gives")} {width}");
            switch (layer.Spec)
            {
                case RecurrentSpec r:
                    specs.Add(r);
                    width = r.Hidden * (r.Bidirectional ? 2 : 1);
                    break;
                case LinearSpec l:
                    int output = layer.Output > 0 ? layer.Output : i == Layers.Count - 1 ? shape.OutputWidth
                        : throw new ScriptArgumentException($"{where}: 'output' is needed for a linear layer that is not the last");
                    specs.Add(l with { Output = output });
                    width = output;
                    break;
                default:
                    specs.Add(layer.Spec);
                    break;
            }
        }
        if (width != shape.OutputWidth)
            throw new ScriptArgumentException($"the model's last layer gives {width} values per step but the data needs {shape.OutputWidth} " +
                $"({shape.NumClasses} class logits + {shape.NumValues} values); end the model with rnn.nn.linear{{}}");
        HeadMode head = Head ?? (shape.TargetEveryStep ? HeadMode.EveryStep : HeadMode.LastStep);
        return new ModelSpec(shape.TokenInput ? 0 : shape.InputFeatures, shape.TokenInput ? shape.VocabularySize : 0, specs, head);
    }
}
