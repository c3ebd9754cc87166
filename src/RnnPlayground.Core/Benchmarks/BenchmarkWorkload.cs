namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// One of the standard benchmark workloads (listed in the README), built and ready to run:
/// <see cref="Step"/> does one training step (forward over the whole sequence, loss, full
/// backpropagation through time, optimizer update) or one streaming inference step. Inputs and
/// targets are fixed random values made once from <see cref="Seed"/>; a step allocates nothing
/// after the first few.
/// </summary>
public abstract class BenchmarkWorkload
{
    /// <summary>The seed of weights, inputs and targets.</summary>
    public const ulong Seed = 1234;

    private protected BenchmarkWorkload(string id, string description, long tokensPerStep)
    {
        Id = id;
        Description = description;
        TokensPerStep = tokensPerStep;
    }

    /// <summary>The ids of the standard workloads, in the order the benchmark runs them.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        ["weather-lstm-small", "char-lstm-medium", "gru-large", "elman-long", "stream-infer", "seq2seq-attn"];

    /// <summary>The workload's id, e.g. <c>weather-lstm-small</c>.</summary>
    public string Id { get; }

    /// <summary>Model, shapes, loss and optimizer in one line.</summary>
    public string Description { get; }

    /// <summary>Tokens one step processes (T·B of a character model), or 0 when the workload has no tokens.</summary>
    public long TokensPerStep { get; }

    /// <summary>Runs one step.</summary>
    public abstract void Step();

    /// <summary>Builds workload <paramref name="id"/> (one of <see cref="Ids"/>).</summary>
    /// <exception cref="ArgumentException">The id is not a known workload; the message lists them.</exception>
    public static BenchmarkWorkload Create(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id switch
        {
            "weather-lstm-small" => TrainingWorkload.WeatherLstmSmall(),
            "char-lstm-medium" => TrainingWorkload.CharLstmMedium(),
            "gru-large" => TrainingWorkload.GruLarge(),
            "elman-long" => TrainingWorkload.ElmanLong(),
            "stream-infer" => new StreamingWorkload(),
            "seq2seq-attn" => new Seq2SeqWorkload(),
            _ => throw new ArgumentException($"unknown workload '{id}'; the workloads are {string.Join(", ", Ids)}", nameof(id)),
        };
    }
}
