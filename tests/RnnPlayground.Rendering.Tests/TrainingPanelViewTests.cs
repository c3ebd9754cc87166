using RnnPlayground.Rendering.Capture;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.Rendering.Tests;

public class TrainingPanelViewTests : OffscreenTestBase
{
    private static readonly RectF Area = new(10, 10, 700, 500);

    private TrainingPanelLayout _layout = null!;

    private RgbaImage Draw() => Render(list => _layout = new TrainingPanelView().Draw(list, Area, SyntheticSnapshots.Full()));

    [Test]
    public void ConfusionCellsAreColouredByTheirShareOfTheRow()
    {
        var image = Draw();
        PngFile.Write(Path.Combine(PictureDirectory, "training.png"), image);
        Assert.That(_layout.HasConfusion, Is.True);
        var counts = SyntheticSnapshots.Confusion;
        for (var a = 0; a < 3; a++)
        {
            var rowTotal = counts[(a * 3)..((a * 3) + 3)].Sum();
            for (var p = 0; p < 3; p++)
            {
                var cell = _layout.ConfusionCell(a, p);
                var expected = ColorMap.Viridis.Map((float)counts[(a * 3) + p] / rowTotal);

                // Sample a corner of the cell, away from the count written in its middle.
                var pixel = image[(int)cell.X + 2, (int)cell.Y + 2];
                Assert.That(Near(pixel, expected, 2), $"cell ({a},{p}) {pixel}, expected {expected}");
            }
        }
    }

    [Test]
    public void LossIsDrawnOnALogScaleAndFollowsItsHistory()
    {
        var image = Draw();
        var chart = _layout.LossChart;
        Assert.That(chart.LogY, Is.True);
        var loss = SyntheticSnapshots.Training().LossHistory;

        // The curve comes down: training-colour pixels near the start are higher up than near the end.
        float MeanY(float x0, float x1)
        {
            var ys = new List<int>();
            for (var y = (int)chart.Plot.Y; y < (int)chart.Plot.Bottom; y++)
            {
                for (var x = (int)x0; x < (int)x1; x++)
                {
                    if (Near(image[x, y], TrainingPanelView.TrainColor, 60))
                    {
                        ys.Add(y);
                    }
                }
            }

            Assert.That(ys, Is.Not.Empty, $"no loss pixels in x {x0}..{x1}");
            return (float)ys.Average();
        }

        var early = MeanY(chart.Plot.X + 4, chart.Plot.X + 20);
        var late = MeanY(chart.Plot.Right - 20, chart.Plot.Right - 4);
        Assert.That(early, Is.LessThan(late - 40));
        Assert.That(late, Is.EqualTo(chart.YOf(loss[^1])).Within(12));
    }

    [Test]
    public void ClippedStepsAreMarkedOnTheGradientChart()
    {
        var image = Draw();
        var chart = _layout.GradientChart;
        var marks = image.Count(new RectF(chart.Plot.X, chart.Plot.Y + 1, chart.Plot.Width, 6), c => Near(c, Theme.Danger, 30));
        Assert.That(marks, Is.GreaterThan(20), "600 steps with a spike every 97 should leave red ticks at the top");
    }
}
