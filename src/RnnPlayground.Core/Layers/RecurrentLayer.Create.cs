namespace RnnPlayground.Core.Layers;

// Building a stack from its description: one place that maps a RecurrentSpec to a cell class.
public abstract partial class RecurrentLayer
{
    /// <summary>The recurrent stack <paramref name="spec"/> describes, on inputs of <paramref name="inputWidth"/>, parameters named <c>{prefix}weight_ih_l0</c>….</summary>
    public static RecurrentLayer Create(Parameters.ParameterStore store, string prefix, int inputWidth, RecurrentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Cell switch
        {
            CellKind.Lstm => new Lstm(store, prefix, inputWidth, spec.Hidden, spec.Layers, spec.Bias, spec.Dropout, spec.Bidirectional) { ForgetBias = spec.ForgetBias },
            CellKind.Gru => new Gru(store, prefix, inputWidth, spec.Hidden, spec.Layers, spec.Bias, spec.Dropout, spec.Bidirectional),
            CellKind.RnnTanh => new Rnn(store, prefix, inputWidth, spec.Hidden, spec.Layers, RnnNonlinearity.Tanh, spec.Bias, spec.Dropout, spec.Bidirectional),
            CellKind.RnnRelu => new Rnn(store, prefix, inputWidth, spec.Hidden, spec.Layers, RnnNonlinearity.Relu, spec.Bias, spec.Dropout, spec.Bidirectional),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Cell, "unknown cell"),
        };
    }
}
