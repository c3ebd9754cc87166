using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers.Seq2Seq;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// An encoder–decoder a script described with <c>rnn.nn.seq2seq{…}</c>: its spec (the vocabulary
/// sizes, which only the data gives, as 1 until then) and whether the encoder reads each source
/// backwards. Once the experiment's run exists, <see cref="Run"/> is the live model that
/// <c>model:translate</c> decodes with.
/// </summary>
public sealed class ScriptSeq2Seq(Seq2SeqSpec spec, bool reverseSource)
{
    /// <summary>The model description, vocabularies not yet sized to the data.</summary>
    public Seq2SeqSpec Spec { get; } = spec;

    /// <summary>Feed each source backwards (Sutskever et al. 2014).</summary>
    public bool ReverseSource { get; } = reverseSource;

    /// <summary>The run training the model, once the experiment exists.</summary>
    public Seq2SeqRun? Run { get; internal set; }

    public override string ToString()
    {
        var e = Spec.Encoder;
        string encoder = $"{Cell(e.Cell)} {e.Hidden}{(e.Layers > 1 ? $"×{e.Layers}" : "")}{(e.Bidirectional ? " bidirectional" : "")}";
        string attention = Spec.Attention == AttentionKind.None ? "no attention" : $"{Spec.Attention.ToString().ToLowerInvariant()} attention";
        return $"Seq2Seq(encoder {encoder} → decoder {Cell(Spec.DecoderCell)} {Spec.DecoderHidden}, {attention}{(ReverseSource ? ", source reversed" : "")}{(Run is null ? "" : ", built")})";
    }

    private static string Cell(Core.Layers.CellKind cell) => cell switch
    {
        Core.Layers.CellKind.Lstm => "lstm",
        Core.Layers.CellKind.Gru => "gru",
        _ => "rnn",
    };
}
