using System.Diagnostics;
using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Training;
using Spectre.Console;

namespace RnnPlayground.App;

/// <summary>
/// Shows a run's progress: a live progress bar with loss and steps/s in a terminal, or a plain
/// line every few seconds (and after each evaluation) when the output is redirected.
/// </summary>
internal sealed class ConsoleProgress : IRunObserver
{
    private readonly TextWriter _out;
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private ProgressTask? _task;
    private string _validation = "";

    public ConsoleProgress(TextWriter output) => _out = output;

    /// <summary>Whether a live progress bar can be drawn (an interactive terminal).</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="body"/> under a progress bar (interactive) or as is.</summary>
    public T Show<T>(string title, long total, Func<T> body)
    {
        if (!Interactive) return body();
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(1, total));
                result = body();
                _task.Value = _task.MaxValue;
                _task.StopTask();
            });
        return result;
    }

    public void OnStep(RunContext c)
    {
        if (_task is not null)
        {
            _task.Value = c.Step;
            _task.Description = string.Create(CultureInfo.InvariantCulture,
                $"step {c.Step}/{c.TotalSteps}  loss {c.Loss:F4}  {c.StepsPerSecond:F0} steps/s{_validation}");
            return;
        }
        if (_sinceLine.Elapsed.TotalSeconds >= 2 || c.Step == c.TotalSteps)
        {
            _sinceLine.Restart();
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {c.Step}/{c.TotalSteps}  epoch {c.Epoch}  loss {c.Loss:F4}  lr {c.LearningRate:G3}  grad norm {c.GradientNorm:G3}  {c.StepsPerSecond:F0} steps/s{_validation}"));
        }
    }

    public void OnEpoch(RunContext c)
    {
    }

    public void OnEvaluation(RunContext c, EvaluationResult v)
    {
        _validation = double.IsNaN(v.Accuracy)
            ? string.Create(CultureInfo.InvariantCulture, $"  val loss {v.Loss:F4}")
            : string.Create(CultureInfo.InvariantCulture, $"  val acc {v.Accuracy:P1}");
        if (_task is null)
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {c.Step}: validation {Describe(v)}"));
    }

    public void OnFinish(RunContext c, RunSummary summary)
    {
    }

    public static string Describe(EvaluationResult e)
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"loss {e.Loss:F4}") };
        if (!double.IsNaN(e.Accuracy)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"accuracy {e.Accuracy:P1}"));
        if (!double.IsNaN(e.MeanAbsoluteError)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"MAE {e.MeanAbsoluteError:G4}  RMSE {e.RootMeanSquaredError:G4}"));
        if (e.Metrics.TryGetValue("cer", out double cer))
        {
            // An encoder–decoder's scores: its accuracy is the exact match of whole outputs.
            parts[^1] = parts[^1].Replace("accuracy", "exact match", StringComparison.Ordinal);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"token accuracy {e.Metrics["token_accuracy"]:P1}  CER {cer:F3}"));
            if (e.Metrics.TryGetValue("bleu", out double bleu)) parts.Add(string.Create(CultureInfo.InvariantCulture, $"BLEU {bleu:F1}  chrF {e.Metrics["chrf"]:F1}"));
        }
        return string.Join("  ", parts);
    }
}
