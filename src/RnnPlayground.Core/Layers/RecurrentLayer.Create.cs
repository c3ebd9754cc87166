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
            CellKind.Lstm => new Lstm(store, prefix, inputWidth, spec.Hidden, spec.Layers, spec.Bias, spec.Dropout, spec.Bidirectional)
            {
                ForgetBias = spec.ForgetBias, InputDropout = spec.InputDropout, RecurrentDropout = spec.RecurrentDropout, OutputDropout = spec.OutputDropout,
            },
            CellKind.Gru => new Gru(store, prefix, inputWidth, spec.Hidden, spec.Layers, spec.Bias, spec.Dropout, spec.Bidirectional)
            {
                InputDropout = spec.InputDropout, RecurrentDropout = spec.RecurrentDropout, OutputDropout = spec.OutputDropout,
            },
            CellKind.RnnTanh or CellKind.RnnRelu => new Rnn(store, prefix, inputWidth, spec.Hidden, spec.Layers,
                spec.Cell == CellKind.RnnTanh ? RnnNonlinearity.Tanh : RnnNonlinearity.Relu, spec.Bias, spec.Dropout, spec.Bidirectional)
            {
                InputDropout = spec.InputDropout, RecurrentDropout = spec.RecurrentDropout, OutputDropout = spec.OutputDropout,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Cell, "unknown cell"),
        };
    }
}
