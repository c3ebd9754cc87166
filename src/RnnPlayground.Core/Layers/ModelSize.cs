namespace RnnPlayground.Core.Layers;

/// <summary>
/// What a <see cref="ModelSpec"/> costs before it is built: its parameters, counted as
/// <see cref="SequenceModel"/> declares them, and an estimate of the memory training it takes.
/// Computed in doubles, so absurd sizes (a 10⁹-unit layer) give a large number, never an overflow.
/// </summary>
public static class ModelSize
{
    /// <summary>Floats training keeps per parameter: values, gradients, two optimizer moments, the best weights.</summary>
    public const int FloatsPerParameter = 5;

    /// <summary>Scalar parameters of the model (weights and biases of every layer).</summary>
    public static double Parameters(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double total = 0;
        double width = spec.InputFeatures;
        foreach (LayerSpec layer in spec.Layers)
        {
            switch (layer)
            {
                case EmbeddingSpec e:
                    total += (double)Math.Max(spec.Vocabulary, 1) * e.Dimension;
                    width = e.Dimension;
                    break;
                case RecurrentSpec r:
                    {
                        double gh = (double)GateCount(r.Cell) * r.Hidden, directions = r.Bidirectional ? 2 : 1;
                        for (int l = 0; l < r.Layers; l++)
                        {
                            double input = l == 0 ? width : directions * r.Hidden;
                            total += directions * (gh * input + gh * r.Hidden + (r.Bias ? 2 * gh : 0));
                        }
                        width = directions * r.Hidden;
                        break;
                    }
                case LinearSpec linear:
                    total += (double)linear.Output * width + (linear.Bias ? linear.Output : 0);
                    width = linear.Output;
                    break;
            }
        }
        return total;
    }

    /// <summary>
    /// Bytes training the model takes: <see cref="FloatsPerParameter"/> floats per parameter, and the
    /// activations a forward pass keeps for the backward one (every gate, cell and output of every
    /// step of every sample of a batch).
    /// </summary>
    public static double TrainingBytes(ModelSpec spec, int batch, int steps)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double rows = (double)Math.Max(batch, 1) * Math.Max(steps, 1);
        double activations = rows * Math.Max(spec.InputFeatures, 1);
        foreach (LayerSpec layer in spec.Layers)
        {
            activations += layer switch
            {
                EmbeddingSpec e => rows * e.Dimension,
                RecurrentSpec r => rows * (r.Bidirectional ? 2 : 1) * r.Layers * (GateCount(r.Cell) + 4.0) * r.Hidden,
                LinearSpec l => rows * 2.0 * l.Output,
                _ => 0,
            };
        }
        return sizeof(float) * (FloatsPerParameter * Parameters(spec) + 2 * activations);
    }

    private static int GateCount(CellKind cell) => cell switch
    {
        CellKind.Lstm => 4,
        CellKind.Gru => 3,
        _ => 1,
    };
}
