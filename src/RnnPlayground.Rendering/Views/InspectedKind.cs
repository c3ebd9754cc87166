namespace RnnPlayground.Rendering.Views;

/// <summary>What kind of thing is under the pointer.</summary>
public enum InspectedKind
{
    /// <summary>An input unit at a step (<see cref="Inspected.Unit"/>, <see cref="Inspected.Step"/>).</summary>
    Input,

    /// <summary>A hidden unit of a recurrent layer at a step.</summary>
    Hidden,

    /// <summary>A gate of a hidden unit at a step (<see cref="Inspected.Index"/>: the gate's place in the gate order).</summary>
    Gate,

    /// <summary>An output unit at a step.</summary>
    Output,

    /// <summary>A weight line: to unit <see cref="Inspected.Unit"/> of the layer from unit <see cref="Inspected.Index"/> of its source.</summary>
    Weight,

    /// <summary>The gradient-norm bar of a step.</summary>
    GradientBar,

    /// <summary>A point of an observed weather series (<see cref="Inspected.Name"/>, sample <see cref="Inspected.Index"/>).</summary>
    SeriesPoint,

    /// <summary>A point of a prediction track (<see cref="Inspected.Name"/>, sample <see cref="Inspected.Index"/>).</summary>
    PredictionPoint,

    /// <summary>A point of a training chart: "loss", "grad norm" or "lr" (<see cref="Inspected.Name"/>), sample <see cref="Inspected.Index"/>.</summary>
    TrainingPoint,

    /// <summary>An encoder state of an encoder–decoder: source step <see cref="Inspected.Step"/>, direction <see cref="Inspected.Index"/> (0 forward, 1 backward), <see cref="Inspected.Unit"/>.</summary>
    EncoderState,

    /// <summary>A decoder state of an encoder–decoder: after output step <see cref="Inspected.Step"/> (−1: s_0), <see cref="Inspected.Unit"/>.</summary>
    DecoderState,

    /// <summary>An attention weight: output step <see cref="Inspected.Step"/> on source step <see cref="Inspected.Index"/>.</summary>
    AttentionWeight,

    /// <summary>An on-screen button (<see cref="Inspected.Control"/>).</summary>
    Button,

    /// <summary>A weight line of the output Linear (W_y): to output <see cref="Inspected.Unit"/> from hidden unit <see cref="Inspected.Index"/> of the last recurrent layer <see cref="Inspected.Layer"/>.</summary>
    OutputWeight,
}
