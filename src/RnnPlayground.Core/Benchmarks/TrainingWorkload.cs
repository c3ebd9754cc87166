using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// A training workload: a <see cref="SequenceModel"/> trained by a <see cref="Trainer"/> on one
/// fixed batch, one <see cref="Trainer.TrainOn"/> per step.
/// </summary>
public sealed class TrainingWorkload : BenchmarkWorkload
{
    private readonly Batch _batch;

    private TrainingWorkload(string id, string description, ModelSpec spec, TaskShape shape, int batchSize,
        Func<SequenceModel, Optimizer> optimizer, TrainerOptions options)
        : base(id, description, shape.TokenInput ? (long)shape.SequenceLength * batchSize : 0)
    {
        var random = new RandomSource(Seed);
        Model = new SequenceModel(spec);
        Model.ResetParameters(random);
        var data = new BenchmarkDataset(shape, batchSize, random);
        Trainer = new Trainer(Model, data, optimizer(Model), new TaskLoss(shape), random,
            options with { BatchSize = batchSize, Shuffle = false });
        _batch = new Batch(shape, batchSize);
        int[] all = new int[batchSize];
        for (int i = 0; i < batchSize; i++) all[i] = i;
        data.Fill(Split.Train, all, _batch);
    }

    public SequenceModel Model { get; }

    public Trainer Trainer { get; }

    /// <summary>The loss of the latest step.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    public override void Step() => LastLoss = Trainer.TrainOn(_batch).Loss.Total;

    /// <summary>LSTM(4→32), Linear(32→2) on the last step; seq 14, batch 32; cross-entropy, Adam lr 1e-3.</summary>
    internal static TrainingWorkload WeatherLstmSmall() => new(
        "weather-lstm-small", "LSTM 4→32, Linear 32→2 on the last step; seq 14, batch 32; cross-entropy, Adam lr 1e-3",
        new ModelSpec(4, 0, [new RecurrentSpec(CellKind.Lstm, 32), new LinearSpec(2)], HeadMode.LastStep),
        Shape(14, 4, 0, classes: 2, values: 0, everyStep: false), 32,
        m => new Adam(m.Parameters, 1e-3f), new TrainerOptions());

    /// <summary>Embedding(65→64), 2-layer LSTM hidden 256, Linear(256→65) at every step; seq 64, batch 32; cross-entropy, Adam lr 2e-3.</summary>
    internal static TrainingWorkload CharLstmMedium() => new(
        "char-lstm-medium", "Embedding 65→64, LSTM 2 layers hidden 256, Linear 256→65 at every step; seq 64, batch 32; cross-entropy, Adam lr 2e-3",
        new ModelSpec(0, 65, [new EmbeddingSpec(64), new RecurrentSpec(CellKind.Lstm, 256, Layers: 2), new LinearSpec(65)], HeadMode.EveryStep),
        Shape(64, 0, 65, classes: 65, values: 0, everyStep: true), 32,
        m => new Adam(m.Parameters, 2e-3f), new TrainerOptions());

    /// <summary>GRU(128→512), Linear(512→1) on the last step; seq 32, batch 64; MSE, SGD lr 0.01.</summary>
    internal static TrainingWorkload GruLarge() => new(
        "gru-large", "GRU 128→512, Linear 512→1 on the last step; seq 32, batch 64; MSE, SGD lr 0.01",
        new ModelSpec(128, 0, [new RecurrentSpec(CellKind.Gru, 512), new LinearSpec(1)], HeadMode.LastStep),
        Shape(32, 128, 0, classes: 0, values: 1, everyStep: false), 64,
        m => new Sgd(m.Parameters, 0.01f), new TrainerOptions());

    /// <summary>tanh RNN(8→64), Linear(64→1) on the last step; seq 256, batch 16; MSE, SGD lr 0.01, gradient-norm clipping at 1.0.</summary>
    internal static TrainingWorkload ElmanLong() => new(
        "elman-long", "RNN (tanh) 8→64, Linear 64→1 on the last step; seq 256, batch 16; MSE, SGD lr 0.01, clip norm 1.0",
        new ModelSpec(8, 0, [new RecurrentSpec(CellKind.RnnTanh, 64), new LinearSpec(1)], HeadMode.LastStep),
        Shape(256, 8, 0, classes: 0, values: 1, everyStep: false), 16,
        m => new Sgd(m.Parameters, 0.01f), new TrainerOptions { ClipNorm = 1.0 });

    private static TaskShape Shape(int steps, int features, int vocabulary, int classes, int values, bool everyStep) =>
        new(steps, features, vocabulary, classes, values, everyStep,
            [.. Enumerable.Range(0, features).Select(i => $"x{i}")],
            [.. Enumerable.Range(0, classes).Select(i => $"c{i}")],
            [.. Enumerable.Range(0, values).Select(i => $"y{i}")]);
}
