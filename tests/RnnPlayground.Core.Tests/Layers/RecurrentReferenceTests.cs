using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>Every recurrent fixture of the libtorch float64 reference: forward, final states, every gradient.</summary>
public class RecurrentReferenceTests
{
    /// <summary>Every fixture of kind "recurrent" in Reference/.</summary>
    private static IEnumerable<string> Fixtures() => ReferenceFixture.All("recurrent");

    /// <summary>The LSTM fixtures, which also carry a loss term on c_n.</summary>
    private static IEnumerable<string> LstmFixtures() => Fixtures().Where(name => ReferenceFixture.Load(name).Root.GetProperty("cell").GetString() == "lstm");

    internal static RecurrentLayer Build(ReferenceFixture f, ParameterStore store)
    {
        string cell = f.Root.GetProperty("cell").GetString()!;
        int layers = f.Int("num_layers"), input = f.Int("input_size"), hidden = f.Int("hidden_size");
        RecurrentLayer layer = cell switch
        {
            "lstm" => new Lstm(store, "", input, hidden, layers),
            "gru" => new Gru(store, "", input, hidden, layers),
            "rnn_tanh" => new Rnn(store, "", input, hidden, layers, RnnNonlinearity.Tanh),
            "rnn_relu" => new Rnn(store, "", input, hidden, layers, RnnNonlinearity.Relu),
            _ => throw new ArgumentException(cell),
        };
        store.Seal();
        foreach ((string name, RefTensor t) in f.Group("params"))
        {
            Parameter p = store[name];
            Assert.That(p.Shape, Is.EqualTo(t.Shape), name);
            t.ToFloat().CopyTo(p.Values);
        }
        return layer;
    }

    [TestCaseSource(nameof(Fixtures))]
    public void MatchesForwardAndGradients(string name)
    {
        var f = ReferenceFixture.Load(name);
        var store = new ParameterStore();
        RecurrentLayer layer = Build(f, store);
        int steps = f.Int("seq_len"), batch = f.Int("batch");
        RefTensor x = f.Tensor("x");
        layer.InitialHidden = f.Tensor("h0").ToFloat();
        bool lstm = layer.HasCellState;
        if (lstm) layer.InitialCell = f.Tensor("c0").ToFloat();

        Activations output = layer.Forward(new Activations(x.ToFloat(), steps, batch, f.Int("input_size")), training: false);
        Close.Assert(output.Span, f.Tensor("output").Data, "output");
        Close.Assert(layer.FinalHidden, f.Tensor("h_n").Data, "h_n");
        if (lstm) Close.Assert(layer.FinalCell, f.Tensor("c_n").Data, "c_n");

        float[] wOut = f.Tensor("loss_weights_output").ToFloat();
        float[] wH = f.Tensor("loss_weights_h").ToFloat();
        double loss = Dot(output.Span, wOut) + Dot(layer.FinalHidden, wH);
        Close.Assert(loss, f.Number("loss"), "loss");

        CheckGradients(f, store, layer, output, wOut, wH, null, "grads");
    }

    [TestCaseSource(nameof(LstmFixtures))]
    public void LstmMatchesGradientsWithCellStateTerm(string name)
    {
        var f = ReferenceFixture.Load(name);
        var store = new ParameterStore();
        RecurrentLayer layer = Build(f, store);
        layer.InitialHidden = f.Tensor("h0").ToFloat();
        layer.InitialCell = f.Tensor("c0").ToFloat();
        Activations output = layer.Forward(new Activations(f.Tensor("x").ToFloat(), f.Int("seq_len"), f.Int("batch"), f.Int("input_size")), false);
        float[] wOut = f.Tensor("loss_weights_output").ToFloat();
        float[] wH = f.Tensor("loss_weights_h").ToFloat();
        float[] wC = ReferenceFixture.ParseTensor(f.Element("with_c_n_term/loss_weights_c")).ToFloat();
        double loss = Dot(output.Span, wOut) + Dot(layer.FinalHidden, wH) + Dot(layer.FinalCell, wC);
        Close.Assert(loss, f.Element("with_c_n_term/loss").GetDouble(), "loss with c_n term");
        CheckGradients(f, store, layer, output, wOut, wH, wC, "with_c_n_term/grads");
    }

    private static void CheckGradients(ReferenceFixture f, ParameterStore store, RecurrentLayer layer, Activations output,
        float[] wOut, float[] wH, float[]? wC, string group)
    {
        store.ZeroGradients();
        layer.FinalHiddenGradient = wH;
        layer.FinalCellGradient = wC;
        Activations dx = layer.Backward(new Activations(wOut, output.Steps, output.Batch, output.Width), needInputGradient: true);
        Dictionary<string, RefTensor> grads = f.Group(group);
        foreach ((string key, RefTensor expected) in grads)
        {
            ReadOnlySpan<float> actual = key switch
            {
                "x" => dx.Span,
                "h0" => layer.InitialHiddenGradient,
                "c0" => layer.InitialCellGradient,
                _ => store[key].Gradients,
            };
            Close.Assert(actual, expected.Data, $"{f.Name} d/d{key}");
        }
        Assert.That(grads.Keys, Does.Contain("x").And.Contain("h0").And.Contain("weight_hh_l0"));
    }

    private static double Dot(ReadOnlySpan<float> a, float[] b)
    {
        Assert.That(a.Length, Is.EqualTo(b.Length));
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }
}
