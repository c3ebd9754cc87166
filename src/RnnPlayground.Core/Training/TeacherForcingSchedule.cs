namespace RnnPlayground.Core.Training;

/// <summary>
/// The teacher-forcing ratio over training steps (scheduled sampling, Bengio et al. 2015, linear
/// decay): <see cref="From"/> at step 0, in a straight line to <see cref="To"/> at step
/// <see cref="Steps"/>, flat after it; <see cref="Steps"/> 0 keeps <see cref="From"/> throughout.
/// </summary>
public sealed record TeacherForcingSchedule(float From, float To, long Steps)
{
    /// <summary>A constant ratio.</summary>
    public static TeacherForcingSchedule Constant(float ratio) => new(ratio, ratio, 0);

    /// <exception cref="ArgumentException">A ratio is outside [0, 1] or the length is negative.</exception>
    public void Validate()
    {
        if (!(From >= 0f && From <= 1f)) throw new ArgumentException($"teacher-forcing ratio must be in [0, 1], got {From}");
        if (!(To >= 0f && To <= 1f)) throw new ArgumentException($"teacher-forcing ratio must be in [0, 1], got {To}");
        if (Steps < 0) throw new ArgumentException($"teacher-forcing schedule length must be ≥ 0 steps, got {Steps}");
    }

    /// <summary>The ratio for training step <paramref name="step"/> (0-based).</summary>
    public float RatioAt(long step) =>
        Steps == 0 || step >= Steps ? (Steps == 0 ? From : To) : From + (To - From) * (float)((double)Math.Max(step, 0) / Steps);
}
