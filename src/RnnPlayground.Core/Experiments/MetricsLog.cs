using System.Globalization;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// metrics.csv of a run: one row per training step (step, epoch, loss, lr, grad_norm, clipped)
/// with the validation scores on the rows where an evaluation ran (empty elsewhere).
/// </summary>
public sealed class MetricsLog : IDisposable
{
    public const string Header = "step,epoch,loss,lr,grad_norm,clipped,val_loss,val_accuracy,val_mae,val_rmse";
    private readonly StreamWriter _writer;

    public MetricsLog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        _writer.WriteLine(Header);
    }

    public string Path { get; }

    public void Write(in StepResult step, EvaluationResult? validation)
    {
        var c = CultureInfo.InvariantCulture;
        _writer.Write(string.Create(c, $"{step.Step},{step.Epoch},{step.Loss.Total:R},{step.LearningRate:R},{step.GradientNorm:R},{(step.Clipped ? 1 : 0)},"));
        if (validation is not null)
            _writer.Write(string.Create(c, $"{Cell(validation.Loss)},{Cell(validation.Accuracy)},{Cell(validation.MeanAbsoluteError)},{Cell(validation.RootMeanSquaredError)}"));
        else
            _writer.Write(",,,");
        _writer.WriteLine();
    }

    private static string Cell(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
