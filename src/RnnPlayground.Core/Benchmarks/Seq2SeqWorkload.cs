using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// seq2seq-attn: Embedding(40→64), bidirectional GRU 64→128; bridge tanh(Linear(256→128)) of the two
/// final states; decoder teacher-forced over 12 steps with additive attention, GRUCell(320→128),
/// Linear(384→40) of [s_t ; c_t]; source 24, batch 64; cross-entropy over all 12×64 target tokens, Adam lr 1e-3.
/// Sources and decoder inputs are fixed random tokens, targets fixed random labels.
/// </summary>
public sealed class Seq2SeqWorkload : BenchmarkWorkload
{
    private const int Vocabulary = 40, SourceSteps = 24, TargetSteps = 12, BatchSize = 64;
    private readonly Seq2SeqBatch _batch = new();

    public Seq2SeqWorkload()
        : base("seq2seq-attn", "Embedding 40→64, bidirectional GRU 64→128, tanh bridge, additive attention, GRUCell 320→128, Linear 384→40; source 24, target 12, batch 64; cross-entropy, Adam lr 1e-3",
            (long)TargetSteps * BatchSize)
    {
        var random = new RandomSource(Seed);
        Model = new Seq2SeqModel(new Seq2SeqSpec(Vocabulary, Vocabulary, 64, 64, new RecurrentSpec(CellKind.Gru, 128, Bidirectional: true),
            CellKind.Gru, 128, AttentionKind.Additive, 128, BridgeKind.Linear));
        Model.ResetParameters(random);
        _batch.Resize(SourceSteps, TargetSteps, BatchSize);
        for (int i = 0; i < SourceSteps * BatchSize; i++) _batch.Source[i] = random.NextInt(Vocabulary);
        for (int i = 0; i < TargetSteps * BatchSize; i++)
        {
            _batch.TargetInput[i] = random.NextInt(Vocabulary);
            _batch.TargetOutput[i] = random.NextInt(Vocabulary);
        }
        for (int b = 0; b < BatchSize; b++) _batch.SourceLengths[b] = SourceSteps;
        Trainer = new Seq2SeqTrainer(Model, new Adam(Model.Parameters, 1e-3f), random);
    }

    public Seq2SeqModel Model { get; }

    public Seq2SeqTrainer Trainer { get; }

    /// <summary>The loss of the latest step.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    public override void Step() => LastLoss = Trainer.TrainOn(_batch);
}
