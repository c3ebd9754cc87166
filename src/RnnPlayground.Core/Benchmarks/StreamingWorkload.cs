using RnnPlayground.Core.Layers;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// stream-infer: LSTM(4→32) + Linear(32→2), batch 1, one time step per call through a
/// <see cref="StreamingSession"/> with the state carried between calls (no training).
/// </summary>
public sealed class StreamingWorkload : BenchmarkWorkload
{
    private readonly float[] _features = new float[4];

    public StreamingWorkload()
        : base("stream-infer", "LSTM 4→32 + Linear 32→2, batch 1, one step per call, state carried; inference", 0)
    {
        var random = new RandomSource(Seed);
        Model = new SequenceModel(new ModelSpec(4, 0, [new RecurrentSpec(CellKind.Lstm, 32), new LinearSpec(2)], HeadMode.LastStep));
        Model.ResetParameters(random);
        random.FillNormal(_features);
        Session = new StreamingSession(Model);
    }

    public SequenceModel Model { get; }

    public StreamingSession Session { get; }

    /// <summary>The first output of the latest step.</summary>
    public float LastOutput { get; private set; }

    public override void Step() => LastOutput = Session.Step(_features)[0];
}
