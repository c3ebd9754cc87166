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

    /// <summary>Class names wider than a cell take turns on two lines over the matrix, each with two cells' width, and are drawn whole.</summary>
    [Test]
    public void ClassNamesWiderThanACellTakeTurnsOnTwoLinesAndAreNotCut()
    {
        var training = SyntheticSnapshots.Training() with { ClassNames = ["negative", "positive"], Confusion = [40, 10, 12, 38] };
        var cuts = new List<string>();
        var image = Render(list =>
        {
            _layout = new TrainingPanelView().Draw(list, new RectF(10, 10, 300, 200), SyntheticSnapshots.Full() with { Training = training });
            cuts.AddRange(list.Cuts);
        });
        PngFile.Write(Path.Combine(PictureDirectory, "training-two-line-classes.png"), image);
        var widest = new DrawList(Atlas).MeasureText("negative", TextStyle.Small).X;
        Assert.That(_layout.ConfusionCellSize, Is.LessThan(widest), "the names are wider than a cell");
        Assert.That(_layout.ColumnLabelLines, Is.EqualTo(2));
        Assert.That(_layout.RowLabelWidth, Is.GreaterThanOrEqualTo(widest), "the row labels have room for the names");
        Assert.That(cuts.Where(c => c.Contains("negative", StringComparison.Ordinal) || c.Contains("positive", StringComparison.Ordinal)), Is.Empty);

        var wide = TrainingPanelLayout.Compute(training, Area, widest + 6f, widest);
        Assert.That(wide.ColumnLabelLines, Is.EqualTo(1), "one line where the names fit their cells");
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
