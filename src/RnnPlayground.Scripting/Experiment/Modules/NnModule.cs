using RnnPlayground.Core.Data;
using RnnPlayground.Core.Generation;
using RnnPlayground.Core.Layers;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.nn</c>: layers (<c>embedding</c>, <c>lstm</c>, <c>gru</c>, <c>rnn</c>, <c>linear</c>,
/// <c>dropout</c>) and <c>sequential{…}</c>, which makes a Model. Sizes left out are taken from
/// the layer below or the data. Model methods: <c>predict</c>, <c>sample</c>.
/// </summary>
public static class NnModule
{
    private static readonly string[] Heads = ["last", "every"];
    private static readonly string[] Nonlinearities = ["tanh", "relu"];

    public static (HandleKind<ScriptLayer> Layer, HandleKind<ScriptModel> Model) Register(LuaHost host)
    {
        HandleKind<ScriptLayer> layer = host.RegisterHandleKind<ScriptLayer>("Layer", l => l.ToString());
        HandleKind<ScriptModel> model = host.RegisterHandleKind<ScriptModel>("Model", m => m.ToString());

        host.RegisterFunction("rnn.nn", "embedding", call =>
        {
            ScriptOptions o = call.Options(1);
            int dim = o.RequiredInt("dim", IntRange.Positive);
            int? vocab = o.Has("vocab") ? o.RequiredInt("vocab", IntRange.Positive) : null;
            call.ReturnHandle(layer, new ScriptLayer("embedding", new EmbeddingSpec(dim) { Name = Name(o) }, vocab));
        });
        host.RegisterFunction("rnn.nn", "lstm", call => call.ReturnHandle(layer, Recurrent("lstm", CellKind.Lstm, call.Options(1))));
        host.RegisterFunction("rnn.nn", "gru", call => call.ReturnHandle(layer, Recurrent("gru", CellKind.Gru, call.Options(1))));
        host.RegisterFunction("rnn.nn", "rnn", call =>
        {
            ScriptOptions o = call.Options(1);
            string nonlinearity = o.OptionalOneOf("nonlinearity", Nonlinearities, "tanh");
            call.ReturnHandle(layer, Recurrent("rnn", nonlinearity == "tanh" ? CellKind.RnnTanh : CellKind.RnnRelu, o));
        });
        host.RegisterFunction("rnn.nn", "linear", call =>
        {
            ScriptOptions o = call.Options(1);
            int output = o.OptionalInt("output", IntRange.Positive, 0);
            int? input = o.Has("input") ? o.RequiredInt("input", IntRange.Positive) : null;
            bool bias = o.OptionalBool("bias", true);
            call.ReturnHandle(layer, new ScriptLayer("linear", new LinearSpec(Math.Max(output, 1), bias) { Name = Name(o) }, input, output));
        });
        host.RegisterFunction("rnn.nn", "dropout", call =>
        {
            ScriptOptions o = call.Options(1);
            double p = o.RequiredNumber("p", NumberRange.Between(0, 0.99));
            call.ReturnHandle(layer, new ScriptLayer("dropout", new DropoutSpec((float)p) { Name = Name(o) }, null));
        });
        host.RegisterFunction("rnn.nn", "sequential", call =>
        {
            ScriptOptions o = call.Options(1);
            string? head = o.Has("head") ? o.RequiredOneOf("head", Heads) : null;
            IReadOnlyList<ScriptLayer> layers = o.ListHandles(layer, "layer");
            if (layers.Count == 0) throw new ScriptArgumentException("a model needs at least one layer: rnn.nn.sequential{ rnn.nn.lstm{hidden = 32}, rnn.nn.linear{} }");
            var described = new ScriptModel(layers, head switch { "last" => HeadMode.LastStep, "every" => HeadMode.EveryStep, _ => null });
            HostMemory.CheckModel(call.Host, described.Provisional(), 1, 1);
            call.ReturnHandle(model, described);
        });

        model.RegisterMethod("predict", (m, call) => Predict(m, call));
        model.RegisterMethod("sample", (m, call) => Sample(m, call));
        model.RegisterMethod("parameters", (m, call) => call.Return(Built(m, "parameters").Parameters.Count));
        return (layer, model);
    }

    private static string? Name(ScriptOptions o) => o.Has("name") ? o.RequiredString("name") : null;

    private static ScriptLayer Recurrent(string function, CellKind cell, ScriptOptions o)
    {
        int hidden = o.RequiredInt("hidden", IntRange.Positive);
        int? input = o.Has("input") ? o.RequiredInt("input", IntRange.Positive) : null;
        int layers = o.OptionalInt("layers", IntRange.Between(1, 64), 1);
        double dropout = o.OptionalNumber("dropout", NumberRange.Between(0, 0.99), 0);
        bool bidirectional = o.OptionalBool("bidirectional", false);
        bool bias = o.OptionalBool("bias", true);
        double forgetBias = cell == CellKind.Lstm ? o.OptionalNumber("forget_bias", NumberRange.Between(-10, 10), 0) : 0;
        var spec = new RecurrentSpec(cell, hidden, layers, bias, (float)dropout, bidirectional, (float)forgetBias)
        {
            Name = Name(o),
            InputDropout = (float)o.OptionalNumber("input_dropout", NumberRange.Rate, 0),
            RecurrentDropout = (float)o.OptionalNumber("recurrent_dropout", NumberRange.Rate, 0),
            OutputDropout = (float)o.OptionalNumber("output_dropout", NumberRange.Rate, 0),
        };
        return new ScriptLayer(function, spec, input);
    }

    private static SequenceModel Built(ScriptModel m, string what) =>
        m.Built ?? throw new ScriptArgumentException($"the model is built when the experiment starts; call {what} from a callback (on_step, on_finish…)");

    /// <summary>
    /// <c>model:predict(x)</c>: x is a flat list of raw feature values, step after step
    /// (normalized here as in training); returns {class=name, probabilities={…}, values={…}} for
    /// the last step. For a text model, <c>model:predict("prefix")</c> returns the next character's.
    /// </summary>
    private static void Predict(ScriptModel m, ScriptCall call)
    {
        SequenceModel model = Built(m, "model:predict");
        ScriptDataset data = m.Data!;
        TaskShape shape = data.Shape;
        var session = new StreamingSession(model);
        ReadOnlySpan<float> output = default;
        if (shape.TokenInput)
        {
            string prefix = call.String(1, "text");
            if (prefix.Length == 0) throw new ScriptArgumentException("'text' must not be empty");
            CharVocabulary vocab = data.Vocabulary!;
            foreach (char ch in prefix)
            {
                if (!vocab.Contains(ch)) throw new ScriptArgumentException($"'text' has '{ch}', which is not in the vocabulary");
                output = session.Step(vocab.IdOf(ch));
                call.Cancellation.ThrowIfCancellationRequested();
            }
        }
        else
        {
            float[][] rows = ReadRows(call, shape.InputFeatures);
            var x = new float[shape.InputFeatures];
            foreach (float[] row in rows)
            {
                row.CopyTo(x, 0);
                data.Windows?.FeatureNormalizer.Normalize(x, x);
                output = session.Step(x);
                call.Cancellation.ThrowIfCancellationRequested();
            }
        }
        ScriptTableWriter t = call.ReturnTable(3);
        if (shape.NumClasses > 0)
        {
            var p = new float[shape.NumClasses];
            CharSampler.Probabilities(output[..shape.NumClasses], 1.0, p);
            int best = Core.Data.ClassificationMetrics.ArgMax(p);
            t.Set("class", shape.ClassNames.Count > best ? shape.ClassNames[best] : best.ToString(System.Globalization.CultureInfo.InvariantCulture));
            t.SetFloats("probabilities", p);
        }
        if (shape.NumValues > 0)
        {
            var v = new float[shape.NumValues];
            for (int i = 0; i < v.Length; i++)
                v[i] = data.Windows?.DenormalizeValue(i, output[shape.NumClasses + i]) ?? output[shape.NumClasses + i];
            t.SetFloats("values", v);
        }
    }

    /// <summary>The steps of <c>x</c>, a flat list of raw feature values step after step.</summary>
    private static float[][] ReadRows(ScriptCall call, int features)
    {
        float[] x = call.Floats(1, "x");
        if (x.Length == 0 || x.Length % features != 0)
            throw new ScriptArgumentException($"'x' must hold whole steps of {features} feature values, step after step (got {x.Length} values)");
        return Enumerable.Range(0, x.Length / features).Select(t => x.AsSpan(t * features, features).ToArray()).ToArray();
    }

    /// <summary><c>model:sample{prime = "…", length = 200, temperature = 0.8, seed = 1}</c> for text models.</summary>
    private static void Sample(ScriptModel m, ScriptCall call)
    {
        SequenceModel model = Built(m, "model:sample");
        if (m.Data?.Vocabulary is not { } vocab) throw new ScriptArgumentException("sampling needs a text model (data from rnn.data.text)");
        ScriptOptions o = call.OptionalOptions(1);
        string prime = o.OptionalString("prime", "");
        int length = o.OptionalInt("length", IntRange.Between(1, 1_000_000), 200);
        double temperature = o.OptionalNumber("temperature", NumberRange.Positive, 1.0);
        ulong seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, (int)m.Seed);
        call.Return(Refusing.Arguments(() => TextGenerator.Generate(model, vocab, prime, length, temperature, new Core.RandomSource(seed), call.Cancellation)));
    }
}
