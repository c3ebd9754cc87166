using RnnPlayground.Core.Data;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// The experiment's <c>loss</c> section: <c>{class_weights, ignore_index, regression = "mse"|"huber",
/// delta, value_weight}</c>, as the losses for the data's classes and values.
/// </summary>
internal static class LossReader
{
    private static readonly string[] RegressionLosses = ["mse", "huber"];

    /// <summary>The losses for data of <paramref name="shape"/>: each null when the data has no classes / no values.</summary>
    public static (CrossEntropyLoss? Classification, RegressionLoss? Regression, float ValueWeight) Read(ScriptOptions loss, TaskShape shape)
    {
        float[]? classWeights = loss.OptionalFloats("class_weights");
        int ignore = loss.OptionalInt("ignore_index", IntRange.Between(int.MinValue, -1), -1);
        string regression = loss.OptionalOneOf("regression", RegressionLosses, "mse");
        double delta = loss.OptionalNumber("delta", NumberRange.Positive, 1.0);
        double valueWeight = loss.OptionalNumber("value_weight", NumberRange.NonNegative, 1.0);

        CrossEntropyLoss? classification = shape.NumClasses > 0
            ? Refusing.Arguments(() => new CrossEntropyLoss(ignore, classWeights))
            : null;
        RegressionLoss? values = shape.NumValues > 0
            ? new RegressionLoss(regression == "huber" ? RegressionLossKind.Huber : RegressionLossKind.Mse, (float)delta)
            : null;
        if (classWeights is not null && classWeights.Length != shape.NumClasses)
            throw new ScriptArgumentException($"'loss.class_weights' has {classWeights.Length} weights but the data has {shape.NumClasses} classes ({string.Join(", ", shape.ClassNames)})");
        return (classification, values, (float)valueWeight);
    }
}
