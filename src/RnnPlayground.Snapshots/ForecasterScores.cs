namespace RnnPlayground.Snapshots;

/// <summary>
/// How well one forecaster did over a period: class accuracy, and for the probability of rain the
/// Brier score (mean squared error of the probability, 0 best) and the log loss (mean −ln of the
/// probability given to what happened, clamped to [1e−6, 1 − 1e−6], so a hard 0/1 forecast that
/// is wrong costs 13.8); the mean absolute error of the first value target in its own units.
/// NaN where the experiment has no such target or the period no days.
/// </summary>
public sealed record ForecasterScores(double Accuracy, double Brier, double LogLoss, double MeanAbsoluteError);
