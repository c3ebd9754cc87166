using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// An encoder–decoder experiment on token pairs: the model (sized to the data's vocabularies), the
/// optimizer and learning-rate schedule, batches, clipping, the length of the run, the teacher-forcing
/// ratio from <see cref="TeacherForcingFrom"/> in a straight line to <see cref="TeacherForcingTo"/>
/// (scheduled sampling) and how the scores are decoded (<see cref="Beam"/>).
/// </summary>
public sealed record Seq2SeqDefinition
{
    public required string Name { get; init; }

    public required PairDataset Data { get; init; }

    /// <summary>The model, with the vocabulary sizes of <see cref="Data"/>.</summary>
    public required Seq2SeqSpec Model { get; init; }

    public OptimizerSpec Optimizer { get; init; } = new("adam", 1e-3f);

    public ScheduleSpec? Schedule { get; init; }

    public int BatchSize { get; init; } = 32;

    /// <summary>Gradient-norm clipping threshold (0: none).</summary>
    public double ClipNorm { get; init; }

    public int? Epochs { get; init; }

    public long? Steps { get; init; }

    /// <summary>Teacher-forcing ratio at the first step (1: always the true previous token).</summary>
    public float TeacherForcingFrom { get; init; } = 1f;

    /// <summary>Teacher-forcing ratio at the end of <see cref="TeacherForcingSteps"/>.</summary>
    public float TeacherForcingTo { get; init; } = 1f;

    /// <summary>Steps the ratio takes from <see cref="TeacherForcingFrom"/> to <see cref="TeacherForcingTo"/>; null: the whole run.</summary>
    public long? TeacherForcingSteps { get; init; }

    /// <summary>Evaluate on the validation split every this many steps (0: at the end of each epoch).</summary>
    public int EvaluateEvery { get; init; }

    /// <summary>Beam width of the decoding the scores are computed from (1: greedy).</summary>
    public int Beam { get; init; } = 1;

    public ulong Seed { get; init; } = 1;

    /// <summary>Strings stored with the checkpoint (the data's vocabularies, the script).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The values its tunable parameters took, recorded in checkpoints and summary.json.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; init; } = ExperimentParameters.None;

    /// <exception cref="ArgumentException">A setting is out of range or the model does not fit the data.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Data);
        ArgumentNullException.ThrowIfNull(Model);
        Model.Validate();
        if (Model.SourceVocabulary != Data.SourceVocabulary.Size || Model.TargetVocabulary != Data.TargetVocabulary.Size)
            throw new ArgumentException($"experiment '{Name}': the model's vocabularies ({Model.SourceVocabulary} → {Model.TargetVocabulary}) are not the data's ({Data.SourceVocabulary.Size} → {Data.TargetVocabulary.Size})");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be ≥ 1, got {BatchSize}");
        if (!(ClipNorm >= 0) || double.IsInfinity(ClipNorm)) throw new ArgumentException($"clip must be finite and ≥ 0, got {ClipNorm}");
        if (Epochs is < 1) throw new ArgumentException($"epochs must be ≥ 1, got {Epochs}");
        if (Steps is < 1) throw new ArgumentException($"steps must be ≥ 1, got {Steps}");
        if (EvaluateEvery < 0) throw new ArgumentException($"evaluate_every must be ≥ 0, got {EvaluateEvery}");
        if (Beam < 1) throw new ArgumentException($"beam must be ≥ 1, got {Beam}");
        new TeacherForcingSchedule(TeacherForcingFrom, TeacherForcingTo, TeacherForcingSteps ?? 0).Validate();
        if (Data.Count(Split.Train) < 1) throw new ArgumentException($"experiment '{Name}': the pairs have no training split");
    }
}
