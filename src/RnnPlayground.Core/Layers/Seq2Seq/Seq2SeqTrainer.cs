using RnnPlayground.Core.Tensors;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Layers.Seq2Seq;

/// <summary>
/// Trains a <see cref="Seq2SeqModel"/> one batch at a time: the teacher-forcing ratio of the step from
/// the <see cref="Schedule"/>, forward and loss, backward, optional gradient-norm clipping, the
/// optimizer's update. Allocates nothing per step once the largest batch has been seen.
/// </summary>
public sealed class Seq2SeqTrainer
{
    public Seq2SeqTrainer(Seq2SeqModel model, Optimizer optimizer, RandomSource random, TeacherForcingSchedule? schedule = null, double clipNorm = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(random);
        if (!ReferenceEquals(optimizer.Parameters, model.Parameters)) throw new ArgumentException("the optimizer must update this model's parameters", nameof(optimizer));
        if (!(clipNorm >= 0) || double.IsInfinity(clipNorm)) throw new ArgumentOutOfRangeException(nameof(clipNorm), clipNorm, "must be finite and ≥ 0 (0: no clipping)");
        schedule ??= TeacherForcingSchedule.Constant(1f);
        schedule.Validate();
        Model = model;
        Optimizer = optimizer;
        Random = random;
        Schedule = schedule;
        ClipNorm = clipNorm;
        model.Random = random;
    }

    public Seq2SeqModel Model { get; }

    public Optimizer Optimizer { get; }

    public RandomSource Random { get; }

    /// <summary>The teacher-forcing ratio per step; may be replaced between steps.</summary>
    public TeacherForcingSchedule Schedule
    {
        get => _schedule;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            _schedule = value;
        }
    }

    private TeacherForcingSchedule _schedule = TeacherForcingSchedule.Constant(1f);

    /// <summary>Gradient-norm clipping threshold (0: none).</summary>
    public double ClipNorm { get; }

    /// <summary>Training steps done.</summary>
    public long Step { get; private set; }

    /// <summary>One training step on <paramref name="batch"/>; returns its loss (before the update).</summary>
    public double TrainOn(Seq2SeqBatch batch)
    {
        Model.TeacherForcingRatio = Schedule.RatioAt(Step);
        Model.Parameters.ZeroGradients();
        double loss = Model.Forward(batch, training: true);
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(Step + 1, "loss", loss);
        Model.Backward();
        if (ClipNorm > 0)
        {
            long clipping = StepProfile.Begin();
            GradientClipping.ClipByNorm(Model.Parameters, ClipNorm);
            StepProfile.End(StepPhase.Clipping, clipping);
        }
        long update = StepProfile.Begin();
        Optimizer.Step();
        StepProfile.End(StepPhase.Optimizer, update);
        Step++;
        return loss;
    }

    /// <summary>The teacher-forced loss of <paramref name="batch"/> without training.</summary>
    public double Evaluate(Seq2SeqBatch batch) => Model.Forward(batch, training: false);
}
