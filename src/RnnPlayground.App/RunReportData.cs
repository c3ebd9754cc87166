using System.Globalization;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App;

/// <summary>
/// The curves of a run's report read back from its metrics.csv: per training step the loss, learning
/// rate and gradient norm, and at each evaluation the validation loss, accuracy and RMSE (NaN where absent).
/// </summary>
internal sealed record RunReportData(double[] Steps, double[] Loss, double[] LearningRate, double[] GradientNorm,
    double[] EvaluationSteps, double[] ValidationLoss, double[] ValidationAccuracy, double[] ValidationRmse)
{
    /// <exception cref="IOException">The file cannot be read, or is not a metrics.csv.</exception>
    public static RunReportData Read(string metricsPath)
    {
        string[] lines = File.ReadAllLines(metricsPath);
        if (lines.Length == 0 || lines[0] != MetricsLog.Header) throw new IOException($"{metricsPath}: not a metrics.csv of this version");
        var steps = new List<double>(); var loss = new List<double>(); var lr = new List<double>(); var grad = new List<double>();
        var evalSteps = new List<double>(); var valLoss = new List<double>(); var valAcc = new List<double>(); var valRmse = new List<double>();
        foreach (string line in lines.Skip(1))
        {
            string[] c = line.Split(',');
            if (c.Length < 10) continue;
            double step = Cell(c[0]);
            steps.Add(step);
            loss.Add(Cell(c[2]));
            lr.Add(Cell(c[3]));
            grad.Add(Cell(c[4]));
            if (c[6].Length == 0) continue;
            evalSteps.Add(step);
            valLoss.Add(Cell(c[6]));
            valAcc.Add(Cell(c[7]));
            valRmse.Add(Cell(c[9]));
        }
        return new RunReportData([.. steps], [.. loss], [.. lr], [.. grad], [.. evalSteps], [.. valLoss], [.. valAcc], [.. valRmse]);
    }

    private static double Cell(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
