using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Everything that defines a training experiment — data, model, optimizer, schedule, how long,
/// how to select and save — as built by a Lua script or by C# code. Nothing here runs.
/// </summary>
public sealed record ExperimentDefinition
{
    /// <summary>A short name (the script's name), used in outputs.</summary>
    public required string Name { get; init; }

    public required ISequenceDataset Data { get; init; }

    public required ModelSpec Model { get; init; }

    public OptimizerSpec Optimizer { get; init; } = new("adam", 1e-3f);

    public ScheduleSpec? Schedule { get; init; }

    public TrainerOptions Training { get; init; } = new();

    /// <summary>Cross-entropy options for class targets (ignore index, class weights).</summary>
    public CrossEntropyLoss? ClassificationLoss { get; init; }

    /// <summary>MSE or Huber for value targets.</summary>
    public RegressionLoss? RegressionLoss { get; init; }

    /// <summary>Weight of the value loss against the class loss.</summary>
    public float ValueLossWeight { get; init; } = 1f;

    /// <summary>Passes over the training split; used when <see cref="Steps"/> is not set (default 10).</summary>
    public int? Epochs { get; init; }

    /// <summary>Training steps (mini-batches) in all; overrides <see cref="Epochs"/>.</summary>
    public long? Steps { get; init; }

    /// <summary>Evaluate on the validation split every this many steps; 0 evaluates at the end of each epoch.</summary>
    public long EvaluateEvery { get; init; }

    public ModelSelection Selection { get; init; } = ModelSelection.LowestLoss;

    /// <summary>Write a checkpoint every this many steps (0: only the final one).</summary>
    public long CheckpointEvery { get; init; }

    /// <summary>The run's seed: weights, dropout masks and shuffling all follow from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Strings stored with every checkpoint (normalization, class names, script).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The values its tunable parameters took (see <see cref="ExperimentParameters"/>), recorded in checkpoints and summary.json.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; init; } = ExperimentParameters.None;

    /// <summary>Checks the parts against each other, naming what is wrong.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentNullException.ThrowIfNull(Data);
        ArgumentNullException.ThrowIfNull(Model);
        Training.Validate();
        if (Epochs is < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be ≥ 1");
        if (Steps is < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be ≥ 1");
        if (EvaluateEvery < 0) throw new ArgumentOutOfRangeException(nameof(EvaluateEvery), EvaluateEvery, "must be ≥ 0");
        if (CheckpointEvery < 0) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "must be ≥ 0");
        if (Selection.Patience is < 1) throw new ArgumentOutOfRangeException(nameof(Selection), Selection.Patience, "patience must be ≥ 1");
    }
}
