using System.Globalization;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// How a run that has stopped training is labelled in its <see cref="RunSummary"/>, the same for
/// every run type (<see cref="ExperimentRun"/>, <see cref="Seq2SeqRun"/>), and so in summary.json,
/// the printed summary and a sweep's runs.csv.
/// </summary>
internal static class RunEnding
{
    /// <summary>
    /// The status and message of a run ending at <paramref name="step"/> of its
    /// <paramref name="totalSteps"/>. A divergence or an early stop (patience) keeps its own. A run
    /// that trained all its steps is <see cref="RunStatus.Completed"/> ("trained N steps"), even when
    /// a stop came after its last step. Short of them, it is <see cref="RunStatus.Cancelled"/> when
    /// cancelled, else <see cref="RunStatus.Stopped"/>: with the reason of the stop requested (acted on
    /// by the training loop or not yet, as when a live window closes between steps) and
    /// "at step N of M".
    /// </summary>
    /// <param name="status">What the training loop recorded: Completed while nothing else happened.</param>
    /// <param name="message">The loop's message for a status other than Completed.</param>
    /// <param name="stopReason">The reason of the first stop requested, or null.</param>
    public static (RunStatus Status, string Message) Label(RunStatus status, string message, string? stopReason, long step, long totalSteps)
    {
        if (status is RunStatus.Diverged or RunStatus.StoppedEarly) return (status, message);
        if (step >= totalSteps) return (RunStatus.Completed, string.Create(CultureInfo.InvariantCulture, $"trained {step} steps"));
        (RunStatus ending, string reason) = status == RunStatus.Cancelled ? (status, message)
            : (RunStatus.Stopped, stopReason ?? "finished before its planned steps");
        return (ending, string.Create(CultureInfo.InvariantCulture, $"{reason} at step {step} of {totalSteps}"));
    }
}
