namespace RnnPlayground.Snapshots;

/// <summary>
/// One variant of a comparison as far as it got: its whole-run loss curve and its per-time-step
/// gradient profile, kept when the next variant starts so the window can show them side by side.
/// </summary>
/// <param name="Name">The variant's name in the script (<c>compare = { { name = 'lstm', … } }</c>).</param>
/// <param name="Step">Training steps done.</param>
/// <param name="TotalSteps">Training steps the run ends at.</param>
/// <param name="Loss">Training loss over the whole run: point <c>i</c> is the mean of steps
/// <c>i·StepsPerPoint + 1 … (i+1)·StepsPerPoint</c> (the last point may hold fewer).</param>
/// <param name="StepsPerPoint">Training steps averaged into one point of <paramref name="Loss"/> (≥ 1).</param>
/// <param name="GradientProfile">[T] typical |∂L/∂h_t| per time step over the recent steps (empty before the first).</param>
/// <param name="DivergedAtStep">The step during which the loss or gradient became NaN or infinite (null: it did not).</param>
/// <param name="FinalLoss">The latest training loss (NaN before the first step).</param>
public sealed record VariantSnapshot(
    string Name,
    VariantState State,
    long Step,
    long TotalSteps,
    float[] Loss,
    int StepsPerPoint,
    float[] GradientProfile,
    long? DivergedAtStep,
    double FinalLoss);
