using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.nn.seq2seq{ encoder = {cell, hidden, layers, bidirectional, dropout}, decoder = {cell, hidden},
/// attention = 'additive' | 'dot' | 'general' | 'none', attention_size, embedding (or source_embedding,
/// target_embedding), bridge = 'linear' | 'none', reverse_source }</c>: an encoder–decoder, a Seq2Seq
/// handle whose vocabularies come from the experiment's pairs. Its methods: <c>translate(text[, {beam,
/// max_length, length_norm}])</c> → output, attention rows; <c>parameters()</c>.
/// </summary>
internal static class Seq2SeqFunction
{
    private static readonly string[] Cells = ["lstm", "gru", "rnn"];
    private static readonly string[] Attentions = ["additive", "dot", "general", "none"];
    private static readonly string[] Bridges = ["linear", "none"];

    public static HandleKind<ScriptSeq2Seq> Register(LuaHost host)
    {
        HandleKind<ScriptSeq2Seq> kind = host.RegisterHandleKind<ScriptSeq2Seq>("Seq2Seq", m => m.ToString());
        host.RegisterFunction("rnn.nn", "seq2seq", call => call.ReturnHandle(kind, Describe(call.Options(1))));
        kind.RegisterMethod("translate", Translate);
        kind.RegisterMethod("parameters", (m, call) => call.Return(Built(m, "model:parameters").Model.Parameters.Count));
        return kind;
    }

    private static ScriptSeq2Seq Describe(ScriptOptions o)
    {
        ScriptOptions encoder = o.RequiredTable("encoder");
        CellKind encoderCell = Cell(encoder.OptionalOneOf("cell", Cells, "gru"));
        int encoderHidden = encoder.RequiredInt("hidden", IntRange.Positive);
        int layers = encoder.OptionalInt("layers", IntRange.Between(1, 64), 1);
        bool bidirectional = encoder.OptionalBool("bidirectional", false);
        double dropout = encoder.OptionalNumber("dropout", NumberRange.Between(0, 0.99), 0);
        var recurrent = new RecurrentSpec(encoderCell, encoderHidden, layers, Dropout: (float)dropout, Bidirectional: bidirectional);
        int memory = encoderHidden * (bidirectional ? 2 : 1);
        ScriptOptions decoder = o.OptionalTable("decoder");
        CellKind decoderCell = decoder.Has("cell") ? Cell(decoder.RequiredOneOf("cell", Cells)) : encoderCell;
        int decoderHidden = decoder.OptionalInt("hidden", IntRange.Positive, memory);
        int embedding = o.OptionalInt("embedding", IntRange.Positive, 32);
        int sourceEmbedding = o.OptionalInt("source_embedding", IntRange.Positive, embedding);
        int targetEmbedding = o.OptionalInt("target_embedding", IntRange.Positive, embedding);
        string attention = o.OptionalOneOf("attention", Attentions, "additive");
        int attentionSize = o.OptionalInt("attention_size", IntRange.Positive, decoderHidden);
        string bridge = o.OptionalOneOf("bridge", Bridges, "linear");
        bool reverse = o.OptionalBool("reverse_source", false);
        var spec = new Seq2SeqSpec(1, 1, sourceEmbedding, targetEmbedding, recurrent, decoderCell, decoderHidden,
            Enum.Parse<AttentionKind>(attention, ignoreCase: true), attentionSize, bridge == "none" ? BridgeKind.None : BridgeKind.Linear);
        Refusing.Arguments(() =>
        {
            spec.Validate();
            return spec;
        });
        return new ScriptSeq2Seq(spec, reverse);
    }

    private static CellKind Cell(string name) => name switch
    {
        "lstm" => CellKind.Lstm,
        "gru" => CellKind.Gru,
        _ => CellKind.RnnTanh,
    };

    private static Seq2SeqRun Built(ScriptSeq2Seq m, string what) =>
        m.Run ?? throw new ScriptArgumentException($"the model is built when the experiment starts; call {what} from a callback (on_epoch, on_finish…)");

    /// <summary>
    /// <c>model:translate(text[, {beam = 1, max_length = …, length_norm = 0}])</c>: the decoded output
    /// and the attention matrix, a list of rows (one per output token, the end token's last when it
    /// was written; one column per source token as the encoder read it; each row sums to 1), empty
    /// without attention.
    /// </summary>
    private static void Translate(ScriptSeq2Seq m, ScriptCall call)
    {
        Seq2SeqRun run = Built(m, "model:translate");
        string text = call.String(1, "text");
        ScriptOptions o = call.OptionalOptions(2);
        int beam = o.OptionalInt("beam", IntRange.Between(1, 256), 1);
        int maxLength = o.OptionalInt("max_length", IntRange.Between(1, 100_000), run.Data.MaxTargetSteps + 5);
        double lengthNorm = o.OptionalNumber("length_norm", NumberRange.Between(0, 10), 0);
        (string output, AttentionSnapshot attention) = Refusing.Arguments(() => run.Translate(text, beam, maxLength, (float)lengthNorm));
        call.Return(output);
        call.ReturnRows(attention.Weights, Math.Max(1, attention.SourceTokens.Count));
    }
}
