using System.Globalization;
using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// What a frame's layout had to give up: text it shortened or left out (recorded by the views in
/// <see cref="DrawList.Cuts"/>), text boxes that overlap each other, and text outside the frame or
/// its panel.
/// Empty when every label was drawn whole and apart.
/// </summary>
public static class LayoutReport
{
    /// <summary>Pixels two text boxes may share (glyph boxes include the line's ascent and descent).</summary>
    private const float Tolerance = 2.5f;

    /// <summary>The problems of the frame last built in <paramref name="list"/>, one line each.</summary>
    public static IReadOnlyList<string> Problems(DrawList list, float width, float height)
    {
        ArgumentNullException.ThrowIfNull(list);
        var problems = new List<string>(list.Cuts);
        var boxes = list.TextBoxes;
        var frame = new RectF(-0.5f, -0.5f, width + 1f, height + 1f);
        for (var i = 0; i < boxes.Count; i++)
        {
            var (a, ta, region) = boxes[i];
            if (!frame.Contains(a))
            {
                problems.Add(Describe($"'{ta}' outside the frame at", a));
            }
            else if (!region.IsEmpty && !region.Inset(-1f).Contains(a))
            {
                problems.Add(Describe($"'{ta}'", a) + Describe(" spills out of its panel", region));
            }

            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (b, tb, _) = boxes[j];
                var w = MathF.Min(a.Right, b.Right) - MathF.Max(a.X, b.X);
                var h = MathF.Min(a.Bottom, b.Bottom) - MathF.Max(a.Y, b.Y);
                if (w > Tolerance && h > Tolerance + 3f)
                {
                    problems.Add(Describe($"'{ta}'", a) + Describe($" overlaps '{tb}'", b));
                }
            }
        }

        return problems;
    }

    private static string Describe(string what, RectF r) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} ({r.X:0},{r.Y:0} {r.Width:0}×{r.Height:0})");
}
