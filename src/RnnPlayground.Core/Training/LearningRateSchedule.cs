using System.Globalization;

namespace RnnPlayground.Core.Training;

/// <summary>
/// The learning rate as a function of the optimizer step (1 for the first update). Schedules
/// that react to evaluations (<see cref="ReduceOnPlateau"/>) keep state, saved in checkpoints.
/// </summary>
public abstract class LearningRateSchedule
{
    protected LearningRateSchedule(float baseLearningRate)
    {
        if (!(baseLearningRate > 0f) || float.IsInfinity(baseLearningRate))
            throw new ArgumentOutOfRangeException(nameof(baseLearningRate), baseLearningRate, "learning rate must be finite and > 0");
        BaseLearningRate = baseLearningRate;
    }

    public float BaseLearningRate { get; }

    /// <summary>A short name (<c>constant</c>, <c>cosine</c>…).</summary>
    public abstract string Kind { get; }

    /// <summary>The learning rate for update number <paramref name="step"/> (1-based).</summary>
    public abstract float LearningRateAt(long step);

    /// <summary>Receives a validation metric after an evaluation (ignored by most schedules).</summary>
    public virtual void ReportMetric(double value)
    {
    }

    /// <summary>State to store in a checkpoint (empty for stateless schedules).</summary>
    public virtual string SaveState() => "";

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public virtual void RestoreState(string state)
    {
        if (!string.IsNullOrEmpty(state)) throw new FormatException($"{Kind} schedule has no state, got '{state}'");
    }

    protected static void Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0");
    }

    protected static void Fraction(float value, string name)
    {
        if (!(value > 0f && value <= 1f)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in (0, 1]");
    }

    protected static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The same rate at every step.</summary>
public sealed class ConstantSchedule(float learningRate) : LearningRateSchedule(learningRate)
{
    public override string Kind => "constant";

    public override float LearningRateAt(long step) => BaseLearningRate;
}

/// <summary>lr·γ^⌊(step−1)/every⌋: multiplied by γ every <see cref="Every"/> steps.</summary>
public sealed class StepSchedule : LearningRateSchedule
{
    public StepSchedule(float learningRate, long every, float gamma = 0.1f) : base(learningRate)
    {
        Positive(every, nameof(every));
        Fraction(gamma, nameof(gamma));
        Every = every;
        Gamma = gamma;
    }

    public override string Kind => "step";

    public long Every { get; }

    public float Gamma { get; }

    public override float LearningRateAt(long step) => (float)(BaseLearningRate * Math.Pow(Gamma, (Math.Max(step, 1) - 1) / Every));
}

/// <summary>lr·γ^(step−1).</summary>
public sealed class ExponentialSchedule : LearningRateSchedule
{
    public ExponentialSchedule(float learningRate, float gamma) : base(learningRate)
    {
        Fraction(gamma, nameof(gamma));
        Gamma = gamma;
    }

    public override string Kind => "exponential";

    public float Gamma { get; }

    public override float LearningRateAt(long step) => (float)(BaseLearningRate * Math.Pow(Gamma, Math.Max(step, 1) - 1));
}

/// <summary>Cosine annealing from lr to <see cref="MinimumLearningRate"/> over <see cref="TotalSteps"/> steps, then flat.</summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    public CosineSchedule(float learningRate, long totalSteps, float minimumLearningRate = 0f) : base(learningRate)
    {
        Positive(totalSteps, nameof(totalSteps));
        if (!(minimumLearningRate >= 0f && minimumLearningRate <= learningRate))
            throw new ArgumentOutOfRangeException(nameof(minimumLearningRate), minimumLearningRate, $"must be in [0, {learningRate}]");
        TotalSteps = totalSteps;
        MinimumLearningRate = minimumLearningRate;
    }

    public override string Kind => "cosine";

    public long TotalSteps { get; }

    public float MinimumLearningRate { get; }

    public override float LearningRateAt(long step)
    {
        double progress = Math.Clamp((double)(Math.Max(step, 1) - 1) / TotalSteps, 0, 1);
        double lr = MinimumLearningRate + 0.5 * (BaseLearningRate - MinimumLearningRate) * (1 + Math.Cos(Math.PI * progress));
        return (float)Math.Max(lr, 1e-12);
    }
}

/// <summary>Linear warm-up from lr/warmup to the inner schedule's rate over <see cref="WarmupSteps"/> steps, then the inner schedule.</summary>
public sealed class WarmupSchedule : LearningRateSchedule
{
    public WarmupSchedule(long warmupSteps, LearningRateSchedule after) : base(after?.BaseLearningRate ?? 1f)
    {
        ArgumentNullException.ThrowIfNull(after);
        Positive(warmupSteps, nameof(warmupSteps));
        WarmupSteps = warmupSteps;
        After = after;
    }

    public override string Kind => "warmup";

    public long WarmupSteps { get; }

    public LearningRateSchedule After { get; }

    public override float LearningRateAt(long step)
    {
        float target = After.LearningRateAt(step);
        return step < WarmupSteps ? target * Math.Max(step, 1) / WarmupSteps : target;
    }

    public override void ReportMetric(double value) => After.ReportMetric(value);

    public override string SaveState() => After.SaveState();

    public override void RestoreState(string state) => After.RestoreState(state);
}

/// <summary>
/// Multiplies the rate by <see cref="Factor"/> when the reported metric has not improved (by more
/// than a relative <see cref="Threshold"/>) for <see cref="Patience"/> evaluations, as PyTorch's
/// <c>ReduceLROnPlateau</c>; never below <see cref="MinimumLearningRate"/>.
/// </summary>
public sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    private double _best;
    private int _badEvaluations;
    private int _cooldownLeft;
    private float _current;

    public ReduceOnPlateauSchedule(float learningRate, bool maximize = false, float factor = 0.1f, int patience = 10,
        float threshold = 1e-4f, int cooldown = 0, float minimumLearningRate = 0f) : base(learningRate)
    {
        if (!(factor > 0f && factor < 1f)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1)");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be ≥ 0");
        if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "cooldown must be ≥ 0");
        if (!(threshold >= 0f)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be ≥ 0");
        if (!(minimumLearningRate >= 0f)) throw new ArgumentOutOfRangeException(nameof(minimumLearningRate), minimumLearningRate, "must be ≥ 0");
        Maximize = maximize;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        Cooldown = cooldown;
        MinimumLearningRate = minimumLearningRate;
        _best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        _current = learningRate;
    }

    public override string Kind => "plateau";

    public bool Maximize { get; }

    public float Factor { get; }

    public int Patience { get; }

    public float Threshold { get; }

    public int Cooldown { get; }

    public float MinimumLearningRate { get; }

    public override float LearningRateAt(long step) => _current;

    public override void ReportMetric(double value)
    {
        if (double.IsNaN(value)) return;
        bool better = Maximize ? value > _best * (_best >= 0 ? 1 + Threshold : 1 - Threshold) || double.IsNegativeInfinity(_best)
                               : value < _best * (_best >= 0 ? 1 - Threshold : 1 + Threshold) || double.IsPositiveInfinity(_best);
        if (better)
        {
            _best = value;
            _badEvaluations = 0;
        }
        else
        {
            _badEvaluations++;
        }
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEvaluations = 0;
        }
        if (_badEvaluations > Patience)
        {
            _current = Math.Max(_current * Factor, MinimumLearningRate);
            _cooldownLeft = Cooldown;
            _badEvaluations = 0;
        }
    }

    public override string SaveState() =>
        string.Join(';', Format(_best), _badEvaluations.ToString(CultureInfo.InvariantCulture),
            _cooldownLeft.ToString(CultureInfo.InvariantCulture), Format(_current));

    public override void RestoreState(string state)
    {
        string[] p = (state ?? "").Split(';');
        if (p.Length != 4
            || !double.TryParse(p[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double best)
            || !int.TryParse(p[1], CultureInfo.InvariantCulture, out int bad)
            || !int.TryParse(p[2], CultureInfo.InvariantCulture, out int cool)
            || !float.TryParse(p[3], NumberStyles.Float, CultureInfo.InvariantCulture, out float current))
            throw new FormatException($"plateau schedule state '{state}' is not 'best;bad;cooldown;lr'");
        if (double.IsNaN(best) || bad < 0 || bad > Patience || cool < 0 || cool > Cooldown
            || !(current > 0f) || current > Math.Max(BaseLearningRate, MinimumLearningRate) || current < MinimumLearningRate)
            throw new FormatException($"plateau schedule state '{state}' is out of range (best a number, bad evaluations 0…{Patience}, cooldown 0…{Cooldown}, rate in [{Format(MinimumLearningRate)}, {Format(BaseLearningRate)}])");
        (_best, _badEvaluations, _cooldownLeft, _current) = (best, bad, cool, current);
    }
}
