namespace RnnPlayground.Core.Training;

/// <summary>
/// The one-cycle policy as PyTorch's <c>OneCycleLR</c> (two phases, cosine annealing): from
/// max_lr/<see cref="DivFactor"/> up to <see cref="BaseLearningRate"/> (max_lr) over the first
/// <see cref="PctStart"/> of <see cref="TotalSteps"/>, then down to
/// max_lr/(<see cref="DivFactor"/>·<see cref="FinalDivFactor"/>) at the last step; flat after it.
/// With n = step − 1 (PyTorch counts from 0), e₁ = pct_start·total − 1, e₂ = total − 1:
/// lr = anneal(initial, max, n/e₁) for n ≤ e₁, else anneal(max, min, (n − e₁)/(e₂ − e₁)), where
/// anneal(a, b, p) = b + (a − b)·(1 + cos πp)/2.
/// </summary>
public sealed class OneCycleSchedule : LearningRateSchedule
{
    public OneCycleSchedule(float maxLearningRate, long totalSteps, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
        : base(maxLearningRate)
    {
        Positive(totalSteps, nameof(totalSteps));
        if (!(pctStart > 0 && pctStart < 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pct_start must be in (0, 1)");
        if (!(pctStart * totalSteps >= 2))
            throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, $"pct_start × steps must be at least 2 (got {Format(pctStart * totalSteps)} of {totalSteps} steps)");
        if (!(divFactor >= 1) || double.IsInfinity(divFactor)) throw new ArgumentOutOfRangeException(nameof(divFactor), divFactor, "div_factor must be finite and ≥ 1");
        if (!(finalDivFactor >= 1) || double.IsInfinity(finalDivFactor)) throw new ArgumentOutOfRangeException(nameof(finalDivFactor), finalDivFactor, "final_div_factor must be finite and ≥ 1");
        TotalSteps = totalSteps;
        PctStart = pctStart;
        DivFactor = divFactor;
        FinalDivFactor = finalDivFactor;
    }

    public override string Kind => "one_cycle";

    public long TotalSteps { get; }

    public double PctStart { get; }

    public double DivFactor { get; }

    public double FinalDivFactor { get; }

    public override float LearningRateAt(long step)
    {
        double max = BaseLearningRate, initial = max / DivFactor, min = initial / FinalDivFactor;
        double n = Math.Max(step, 1) - 1, warmEnd = PctStart * TotalSteps - 1, end = TotalSteps - 1;
        double lr = n <= warmEnd
            ? Anneal(initial, max, n / warmEnd)
            : Anneal(max, min, Math.Min(1, (n - warmEnd) / (end - warmEnd)));
        return (float)Math.Max(lr, 1e-12);
    }

    private static double Anneal(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);
}
