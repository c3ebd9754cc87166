namespace RnnPlayground.Core.Training;

/// <summary>
/// A schedule given as a function (step, total steps, base rate) → rate, asked once per update
/// (the last answer is kept, so asking twice for one step costs one call). The function belongs
/// to whoever made the schedule: it is called on the thread that steps the trainer.
/// </summary>
public sealed class CustomSchedule : LearningRateSchedule
{
    private readonly Func<long, long, float, double> _rate;
    private long _lastStep = -1;
    private float _lastRate;

    public CustomSchedule(float learningRate, long totalSteps, Func<long, long, float, double> rate) : base(learningRate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        Positive(totalSteps, nameof(totalSteps));
        TotalSteps = totalSteps;
        _rate = rate;
    }

    public override string Kind => "custom";

    public long TotalSteps { get; }

    /// <exception cref="InvalidOperationException">The function's rate is not finite and &gt; 0.</exception>
    public override float LearningRateAt(long step)
    {
        if (step == _lastStep) return _lastRate;
        double rate = _rate(step, TotalSteps, BaseLearningRate);
        if (!(rate > 0) || !double.IsFinite(rate) || (float)rate == 0f)
            throw new InvalidOperationException($"the custom schedule's rate at step {step} is {rate}; it must be finite and > 0");
        (_lastStep, _lastRate) = (step, (float)rate);
        return _lastRate;
    }
}
