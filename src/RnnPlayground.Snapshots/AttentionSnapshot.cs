namespace RnnPlayground.Snapshots;

/// <summary>
/// What an encoder–decoder made of one sample at one training step, for the window to show: the
/// attention weights of every decoder step over the source, the decoded output and the target.
/// With <c>R</c> = <see cref="Rows"/> (decoder steps, one per entry of <see cref="OutputTokens"/>)
/// and <c>C</c> = <see cref="Columns"/> (source steps, one per entry of <see cref="SourceTokens"/>),
/// <see cref="Weights"/> is [R, C] row-major: entry (r, c) at <c>r·C + c</c> is how much decoder
/// step r attended to source token c, and each row sums to 1. A model without attention publishes
/// an empty <see cref="Weights"/> (<see cref="HasAttention"/> false) and still its output and target.
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
    /// Checks the shape: <see cref="Weights"/> is empty or holds exactly R·C finite values.
    /// Call it before publishing; the view relies on it.
    /// </summary>
    /// <exception cref="ArgumentException">The weights do not match the labels.</exception>
    public AttentionSnapshot Validated()
    {
        ArgumentNullException.ThrowIfNull(Weights);
        ArgumentNullException.ThrowIfNull(SourceTokens);
        ArgumentNullException.ThrowIfNull(OutputTokens);
        if (Weights.Length != 0 && Weights.Length != Rows * Columns)
            throw new ArgumentException($"attention weights hold {Weights.Length} values; {Rows} output × {Columns} source tokens need {Rows * Columns}");
        foreach (float w in Weights)
            if (!float.IsFinite(w)) throw new ArgumentException("attention weights must be finite");
        return this;
    }
}
