using System.Text.Json;
using System.Text.Json.Serialization;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// An encoder–decoder model: source tokens → <see cref="SourceEmbedding"/>-wide embeddings →
/// <see cref="Encoder"/> (any cell, layers, bidirectional) → encoder states h_j of width
/// M = D·H; the <see cref="Bridge"/> makes the decoder's s_0 from the top layer's final states;
/// the decoder (one <see cref="DecoderCell"/> of <see cref="DecoderHidden"/> units) reads
/// [E_y(y_{t−1}) ; c_t] where c_t is the <see cref="Attention"/> context computed from s_{t−1}, and
/// emits logits W_o [s_t ; c_t] + b_o over <see cref="TargetVocabulary"/> tokens (without attention
/// the cell reads E_y(y_{t−1}) and the output reads s_t).
/// </summary>
/// <param name="AttentionSize">Width of the additive attention's hidden layer; 0 means <see cref="DecoderHidden"/>.</param>
public sealed record Seq2SeqSpec(int SourceVocabulary, int TargetVocabulary, int SourceEmbedding, int TargetEmbedding,
    RecurrentSpec Encoder, CellKind DecoderCell, int DecoderHidden, AttentionKind Attention = AttentionKind.Additive,
    int AttentionSize = 0, BridgeKind Bridge = BridgeKind.Linear)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <exception cref="FormatException">The text is not an encoder–decoder description.</exception>
    public static Seq2SeqSpec FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Seq2SeqSpec>(json, JsonOptions) ?? throw new FormatException("model description is null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"model description is not valid: {e.Message}", e);
        }
    }

    /// <summary>The encoder's output width M = D·H (the width of h_j and of the context).</summary>
    public int MemoryWidth => (Encoder.Bidirectional ? 2 : 1) * Encoder.Hidden;

    /// <summary>The context's width: M with attention, 0 without.</summary>
    public int ContextWidth => Attention == AttentionKind.None ? 0 : MemoryWidth;

    /// <summary>Width of the additive attention's hidden layer.</summary>
    public int EffectiveAttentionSize => AttentionSize > 0 ? AttentionSize : DecoderHidden;

    /// <summary>
    /// Checks every size and the combinations that must agree.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive, or the encoder and decoder do not fit (the message says how).</exception>
    public void Validate()
    {
        Positive(SourceVocabulary, "source vocabulary");
        Positive(TargetVocabulary, "target vocabulary");
        Positive(SourceEmbedding, "source embedding size");
        Positive(TargetEmbedding, "target embedding size");
        ArgumentNullException.ThrowIfNull(Encoder);
        Positive(Encoder.Hidden, "encoder hidden size");
        Positive(Encoder.Layers, "encoder layers");
        Positive(DecoderHidden, "decoder hidden size");
        if (AttentionSize < 0) throw new ArgumentException($"attention size must be ≥ 1, got {AttentionSize}");
        if (!Enum.IsDefined(Attention)) throw new ArgumentException($"unknown attention kind {Attention}");
        if (!Enum.IsDefined(Bridge)) throw new ArgumentException($"unknown bridge kind {Bridge}");
        if (!Enum.IsDefined(DecoderCell)) throw new ArgumentException($"unknown decoder cell {DecoderCell}");
        string memory = Encoder.Bidirectional ? $"2 × {Encoder.Hidden} = {MemoryWidth}" : $"{MemoryWidth}";
        if (Bridge == BridgeKind.None && MemoryWidth != DecoderHidden)
            throw new ArgumentException($"encoder/decoder size mismatch: bridge 'none' passes the encoder's final state ({memory} wide) as the decoder's state, but the decoder has {DecoderHidden} units; make them equal or use bridge 'linear'");
        if (Attention == AttentionKind.Dot && MemoryWidth != DecoderHidden)
            throw new ArgumentException($"encoder/decoder size mismatch: attention 'dot' scores sᵀh, but the encoder's states are {memory} wide and the decoder has {DecoderHidden} units; make them equal or use attention 'general' or 'additive'");
    }

    private static void Positive(int value, string what)
    {
        if (value < 1) throw new ArgumentException($"{what} must be ≥ 1, got {value}");
    }
}
