using System.Numerics;
using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>Which chart point of the weather and training panels is under a point: the sample nearest it in x.</summary>
public static class ChartHitTest
{
    public static Inspected? At(WeatherStreamLayout? weather, TrainingPanelLayout? training, Vector2 p)
    {
        if (weather is not null)
        {
            foreach (var series in weather.Observed)
            {
                if (Index(weather.SeriesCharts[series.Name], series.Values.Length, p) is { } i)
                {
                    return new Inspected(InspectedKind.SeriesPoint, Index: i, Name: series.Name);
                }
            }

            foreach (var track in weather.Predictions)
            {
                var length = Math.Max(track.Predicted.Length, Math.Max(track.Actual.Length, track.Persistence.Length));
                if (Index(weather.PredictionCharts[track.Name], length, p) is { } i)
                {
                    return new Inspected(InspectedKind.PredictionPoint, Index: i, Name: track.Name);
                }
            }
        }

        if (training is not null)
        {
            var t = training.Training;
            foreach (var (name, chart, length) in new[]
            {
                ("loss", training.LossChart, t.LossHistory.Length),
                ("grad norm", training.GradientChart, t.GradientNormHistory.Length),
                ("lr", training.LearningRateChart, t.LearningRateHistory.Length),
            })
            {
                if (Index(chart, length, p) is { } i)
                {
                    return new Inspected(InspectedKind.TrainingPoint, Index: i, Name: name);
                }
            }
        }

        return null;
    }

    /// <summary>The sample of a series <paramref name="length"/> long (its newest at the right edge) nearest <paramref name="p"/>'s x, or null off the chart.</summary>
    public static int? Index(ChartGeometry chart, int length, Vector2 p)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (length == 0 || !chart.Plot.Contains(p.X, p.Y))
        {
            return null;
        }

        var position = chart.Count <= 1 ? 0f : (p.X - chart.Plot.X) / chart.Plot.Width * (chart.Count - 1);
        var i = (int)MathF.Round(position) - (chart.Count - length);
        return i >= 0 && i < length ? i : null;
    }
}
