using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// Which learning-rate schedule to build: <c>constant</c>; <c>step</c> (every, gamma);
/// <c>exponential</c> (gamma); <c>cosine</c> (steps — default: the run's total steps — and
/// min_lr); <c>plateau</c> (factor, patience, threshold, cooldown, min_lr, mode 'min'/'max' via
/// maximize = 1); <c>one_cycle</c> (max_lr — default: the optimizer's rate — steps, pct_start,
/// div_factor, final_div_factor; PyTorch's <c>OneCycleLR</c>); <c>linear</c> (steps, min_lr: warm-up
/// over <see cref="WarmupSteps"/>, then linear decay); <c>custom</c> (<see cref="Rate"/>). All but
/// <c>one_cycle</c> and <c>linear</c> can be preceded by a linear warm-up of <see cref="WarmupSteps"/>.
/// </summary>
public sealed record ScheduleSpec(string Kind, IReadOnlyDictionary<string, double>? Settings = null, long WarmupSteps = 0)
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["constant"] = [],
        ["step"] = ["every", "gamma"],
        ["exponential"] = ["gamma"],
        ["cosine"] = ["steps", "min_lr"],
        ["plateau"] = ["factor", "patience", "threshold", "cooldown", "min_lr", "maximize"],
        ["one_cycle"] = ["max_lr", "steps", "pct_start", "div_factor", "final_div_factor"],
        ["linear"] = ["steps", "min_lr"],
        ["custom"] = [],
    };

    /// <summary>
    /// For <c>custom</c>: the rate for (step, total steps, base rate), asked at each update on the
    /// thread that trains (see <see cref="CustomSchedule"/>).
    /// </summary>
    public Func<long, long, float, double>? Rate { get; init; }

    public static IReadOnlyCollection<string> Kinds => Known.Keys;

    public static IReadOnlyList<string> SettingsOf(string kind) =>
        Known.TryGetValue(kind, out string[]? s) ? s : throw new ArgumentException($"unknown schedule '{kind}'; known: {string.Join(", ", Known.Keys)}", nameof(kind));

    /// <summary>Builds the schedule for base rate <paramref name="learningRate"/> over a run of <paramref name="totalSteps"/> updates.</summary>
    public LearningRateSchedule Create(float learningRate, long totalSteps)
    {
        IReadOnlyList<string> allowed = SettingsOf(Kind);
        IReadOnlyDictionary<string, double> s = Settings ?? new Dictionary<string, double>();
        foreach (string key in s.Keys)
            if (!allowed.Contains(key))
                throw new ArgumentException($"{Kind} schedule: unknown setting '{key}'; known: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}", nameof(Settings));
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "warm-up steps must be ≥ 0");
        double D(string key, double fallback) => s.TryGetValue(key, out double v) ? v : fallback;
        LearningRateSchedule schedule = Kind switch
        {
            "constant" => new ConstantSchedule(learningRate),
            "step" => new StepSchedule(learningRate, (long)D("every", Math.Max(1, totalSteps / 3)), (float)D("gamma", 0.1)),
            "exponential" => new ExponentialSchedule(learningRate, (float)D("gamma", 0.999)),
            "cosine" => new CosineSchedule(learningRate, (long)D("steps", Math.Max(1, totalSteps - WarmupSteps)), (float)D("min_lr", 0)),
            "one_cycle" => new OneCycleSchedule((float)D("max_lr", learningRate), (long)D("steps", Math.Max(1, totalSteps)), D("pct_start", 0.3),
                D("div_factor", 25), D("final_div_factor", 1e4)),
            "linear" => new LinearSchedule(learningRate, WarmupSteps, (long)D("steps", Math.Max(WarmupSteps + 1, totalSteps)), (float)D("min_lr", 0)),
            "custom" => new CustomSchedule(learningRate, Math.Max(1, totalSteps),
                Rate ?? throw new ArgumentException("a custom schedule needs its rate function", nameof(Rate))),
            _ => new ReduceOnPlateauSchedule(learningRate, D("maximize", 0) != 0, (float)D("factor", 0.1), (int)D("patience", 10),
                (float)D("threshold", 1e-4), (int)D("cooldown", 0), (float)D("min_lr", 0)),
        };
        if (Kind == "one_cycle" && WarmupSteps > 0)
            throw new ArgumentException("one_cycle warms up by itself (pct_start); leave out warmup", nameof(WarmupSteps));
        return WarmupSteps > 0 && Kind != "linear" ? new WarmupSchedule(WarmupSteps, schedule) : schedule;
    }
}
