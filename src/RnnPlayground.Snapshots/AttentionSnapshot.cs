namespace RnnPlayground.Snapshots;

/// <summary>
/// What an encoder–decoder made of one sample at one training step, for the window to show: the
/// attention weights of every decoder step over the source, the decoded output and the target.
/// With <c>R</c> = <see cref="Rows"/> (decoder steps, one per entry of <see cref="OutputTokens"/>)
/// and <c>C</c> = <see cref="Columns"/> (source steps, one per entry of <see cref="SourceTokens"/>),
/// <see cref="Weights"/> is [R, C] row-major: entry (r, c) at <c>r·C + c</c> is how much decoder
/// step r attended to source token c, and each row sums to 1. A model without attention publishes
/// an empty <see cref="Weights"/> (<see cref="HasAttention"/> false) and still its output and target.
/// Optionally (<see cref="HasStates"/>) it also carries the network unrolled over the sample: the
/// encoder's states per source step (<see cref="EncoderStates"/>), the decoder's initial state from
/// the bridge (<see cref="DecoderInitialState"/>) and its state per output step (<see cref="DecoderStates"/>).
/// Arrays are never written after the snapshot is published.
/// </summary>
/// <param name="Weights">[R, C] attention weights, row-major (empty: the model has no attention).</param>
/// <param name="SourceTokens">Column labels: the source tokens in the order the encoder read them (e.g. one character each).</param>
/// <param name="OutputTokens">Row labels: the tokens the decoder wrote, EOS included when it wrote one (e.g. <c>&lt;eos&gt;</c>).</param>
/// <param name="Source">The sample's source text as given.</param>
/// <param name="Output">The decoded output text (up to EOS).</param>
/// <param name="Target">The text the decoder should have written.</param>
/// <param name="Step">The training step whose weights decoded it.</param>
public sealed record AttentionSnapshot(
    float[] Weights,
    IReadOnlyList<string> SourceTokens,
    IReadOnlyList<string> OutputTokens,
    string Source,
    string Output,
    string Target,
    long Step)
{
    /// <summary>
    /// The target's tokens, EOS included (e.g. <c>&lt;eos&gt;</c>), to set beside the output's row by
    /// row; null: the view takes the target's characters and an EOS.
    /// </summary>
    public IReadOnlyList<string>? TargetTokens { get; init; }

    /// <summary>
    /// The encoder's top-layer states h_j [C, D·H] row-major (what the attention reads): row c is the
    /// state after source token c, its first H values the forward direction's, for a bidirectional
    /// encoder (D = 2) the next H the backward direction's (which has read tokens c … C−1). Null: not
    /// recorded (then the decoder's states are not either).
    /// </summary>
    public float[]? EncoderStates { get; init; }

    /// <summary>H: units per encoder direction (0 when <see cref="EncoderStates"/> is null).</summary>
    public int EncoderUnits { get; init; }

    /// <summary>D: 1, or 2 for a bidirectional encoder.</summary>
    public int EncoderDirections { get; init; } = 1;

    /// <summary>The decoder's states s_t [R, Hd] row-major: row r is the state after it wrote output token r (an LSTM's hidden h, not its cell).</summary>
    public float[]? DecoderStates { get; init; }

    /// <summary>s_0 [Hd]: the decoder's state before its first step (the bridge's output from the encoder's final states).</summary>
    public float[]? DecoderInitialState { get; init; }

    /// <summary>Hd: the decoder's units (0 when <see cref="DecoderStates"/> is null).</summary>
    public int DecoderUnits { get; init; }

    /// <summary>True when the unrolled states (<see cref="EncoderStates"/>, <see cref="DecoderInitialState"/>, <see cref="DecoderStates"/>) are recorded.</summary>
    public bool HasStates => EncoderStates is not null;

    /// <summary>Width of an encoder state row: D·H.</summary>
    public int EncoderWidth => EncoderDirections * EncoderUnits;

    /// <summary>The encoder's state at source step <paramref name="column"/>, direction <paramref name="direction"/> (0 forward, 1 backward), unit <paramref name="unit"/>.</summary>
    public float EncoderStateAt(int column, int direction, int unit)
    {
        if (EncoderStates is null) throw new InvalidOperationException("the snapshot holds no encoder states");
        if ((uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(column), column, $"must be in [0, {Columns})");
        if ((uint)direction >= (uint)EncoderDirections) throw new ArgumentOutOfRangeException(nameof(direction), direction, $"must be in [0, {EncoderDirections})");
        if ((uint)unit >= (uint)EncoderUnits) throw new ArgumentOutOfRangeException(nameof(unit), unit, $"must be in [0, {EncoderUnits})");
        return EncoderStates[column * EncoderWidth + direction * EncoderUnits + unit];
    }

    /// <summary>The decoder's state after output step <paramref name="row"/>, unit <paramref name="unit"/>.</summary>
    public float DecoderStateAt(int row, int unit)
    {
        if (DecoderStates is null) throw new InvalidOperationException("the snapshot holds no decoder states");
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"must be in [0, {Rows})");
        if ((uint)unit >= (uint)DecoderUnits) throw new ArgumentOutOfRangeException(nameof(unit), unit, $"must be in [0, {DecoderUnits})");
        return DecoderStates[row * DecoderUnits + unit];
    }

    /// <summary>Decoder steps (R): one per output token.</summary>
    public int Rows => OutputTokens.Count;

    /// <summary>Source steps (C): one per source token.</summary>
    public int Columns => SourceTokens.Count;

    /// <summary>True when <see cref="Weights"/> holds an [R, C] matrix; false for a model without attention.</summary>
    public bool HasAttention => Weights.Length > 0;

    /// <summary>True when the output is exactly the target.</summary>
    public bool ExactMatch => string.Equals(Output, Target, StringComparison.Ordinal);

    /// <summary>
    /// How sharp the alignment is: the mean over decoder steps of the largest weight in the row
    /// (1: every step looks at one source token; 1/C: weights spread evenly). NaN without attention.
    /// </summary>
    public double Sharpness
    {
        get
        {
            if (!HasAttention || Rows == 0 || Columns == 0) return double.NaN;
            double sum = 0;
            for (int r = 0; r < Rows; r++)
            {
                float max = 0f;
                for (int c = 0; c < Columns; c++) max = MathF.Max(max, Weights[r * Columns + c]);
                sum += max;
            }
            return sum / Rows;
        }
    }

    /// <summary>The weight of decoder step <paramref name="row"/> on source token <paramref name="column"/>.</summary>
    public float WeightAt(int row, int column)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"must be in [0, {Rows})");
        if ((uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(column), column, $"must be in [0, {Columns})");
        return Weights[row * Columns + column];
    }

    /// <summary>
    /// Checks the shape: <see cref="Weights"/> is empty or holds exactly R·C finite values; when
    /// states are recorded, <see cref="EncoderStates"/> holds C·D·H, <see cref="DecoderStates"/>
    /// R·Hd and <see cref="DecoderInitialState"/> Hd finite values (all three or none).
    /// Call it before publishing; the view relies on it.
    /// </summary>
    /// <exception cref="ArgumentException">The weights or states do not match the labels.</exception>
    public AttentionSnapshot Validated()
    {
        ArgumentNullException.ThrowIfNull(Weights);
        ArgumentNullException.ThrowIfNull(SourceTokens);
        ArgumentNullException.ThrowIfNull(OutputTokens);
        if (Weights.Length != 0 && Weights.Length != Rows * Columns)
            throw new ArgumentException($"attention weights hold {Weights.Length} values; {Rows} output × {Columns} source tokens need {Rows * Columns}");
        foreach (float w in Weights)
            if (!float.IsFinite(w)) throw new ArgumentException("attention weights must be finite");
        ValidateStates();
        return this;
    }

    private void ValidateStates()
    {
        if (EncoderStates is null && DecoderStates is null && DecoderInitialState is null) return;
        if (EncoderStates is null || DecoderStates is null || DecoderInitialState is null)
            throw new ArgumentException("unrolled states need all three of encoder states, decoder states and the decoder's initial state");
        if (EncoderUnits < 1 || DecoderUnits < 1) throw new ArgumentException($"unrolled states need encoder and decoder units ≥ 1, got {EncoderUnits} and {DecoderUnits}");
        if (EncoderDirections is not (1 or 2)) throw new ArgumentException($"encoder directions must be 1 or 2, got {EncoderDirections}");
        CheckStates(EncoderStates, Columns * EncoderWidth, $"encoder states hold {EncoderStates.Length} values; {Columns} source tokens × {EncoderDirections} × {EncoderUnits} units need {Columns * EncoderWidth}");
        CheckStates(DecoderStates, Rows * DecoderUnits, $"decoder states hold {DecoderStates.Length} values; {Rows} output tokens × {DecoderUnits} units need {Rows * DecoderUnits}");
        CheckStates(DecoderInitialState, DecoderUnits, $"the decoder's initial state holds {DecoderInitialState.Length} values; {DecoderUnits} units need {DecoderUnits}");
    }

    private static void CheckStates(float[] values, int length, string mismatch)
    {
        if (values.Length != length) throw new ArgumentException(mismatch);
        foreach (float v in values)
            if (!float.IsFinite(v)) throw new ArgumentException("unrolled states must be finite");
    }
}
