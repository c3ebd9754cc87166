using System.Text.Json;
using System.Text.Json.Serialization;

namespace RnnPlayground.Core.Layers;

/// <summary>The kind of a recurrent cell.</summary>
public enum CellKind
{
    Lstm,
    Gru,
    RnnTanh,
    RnnRelu,
}

/// <summary>Where the model's output head reads the recurrent output.</summary>
public enum HeadMode
{
    /// <summary>Only the last step: output [B, width] (sequence classification/regression).</summary>
    LastStep,

    /// <summary>Every step: output [T·B, width] (e.g. next-character prediction).</summary>
    EveryStep,
}

/// <summary>One stage of a <see cref="ModelSpec"/>. <see cref="Name"/> sets the parameter prefix (default: the kind).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EmbeddingSpec), "embedding")]
[JsonDerivedType(typeof(RecurrentSpec), "recurrent")]
[JsonDerivedType(typeof(LinearSpec), "linear")]
[JsonDerivedType(typeof(DropoutSpec), "dropout")]
public abstract record LayerSpec
{
    public string? Name { get; init; }
}

/// <summary>A token embedding of <see cref="Dimension"/> floats; must come first, with token input.</summary>
public sealed record EmbeddingSpec(int Dimension) : LayerSpec;

/// <summary>A recurrent stack (<see cref="Lstm"/>, <see cref="Gru"/> or <see cref="Rnn"/>); <paramref name="ForgetBias"/> is the LSTM's <see cref="Lstm.ForgetBias"/>.</summary>
public sealed record RecurrentSpec(CellKind Cell, int Hidden, int Layers = 1, bool Bias = true, float Dropout = 0f, bool Bidirectional = false,
    float ForgetBias = 0f) : LayerSpec
{
    /// <summary>Variational dropout on every layer's inputs (see <see cref="RecurrentLayer.InputDropout"/>).</summary>
    public float InputDropout { get; init; }

    /// <summary>Variational dropout on the recurrent state (see <see cref="RecurrentLayer.RecurrentDropout"/>).</summary>
    public float RecurrentDropout { get; init; }

    /// <summary>Variational dropout on the stack's output (see <see cref="RecurrentLayer.OutputDropout"/>).</summary>
    public float OutputDropout { get; init; }
}

/// <summary>A fully connected layer applied to every row.</summary>
public sealed record LinearSpec(int Output, bool Bias = true) : LayerSpec;

/// <summary>Dropout with probability <see cref="Probability"/> while training.</summary>
public sealed record DropoutSpec(float Probability) : LayerSpec;

/// <summary>
/// A whole sequence model: input of <see cref="InputFeatures"/> floats per step, or token ids
/// below <see cref="Vocabulary"/> (then the first layer is an embedding), a list of layers and
/// where the head reads the sequence.
/// </summary>
public sealed record ModelSpec(int InputFeatures, int Vocabulary, IReadOnlyList<LayerSpec> Layers, HeadMode Head)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool TokenInput => Vocabulary > 0;

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <exception cref="FormatException">The text is not a model description.</exception>
    public static ModelSpec FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelSpec>(json, JsonOptions) ?? throw new FormatException("model description is null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"model description is not valid: {e.Message}", e);
        }
    }

    public bool Equals(ModelSpec? other) => other is not null && ToJson() == other.ToJson();

    public override int GetHashCode() => ToJson().GetHashCode(StringComparison.Ordinal);
}
