using System.Globalization;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The per-step gradient norms |∂L/∂h_t| under the unrolled network, one bar per time step of the
/// whole sample (compressed when the network shows only the latest steps; aligned with its columns
/// when it shows them all), on a log scale that follows the norms, with the ratio of the first to
/// the last step printed ("∂L/∂h₀ is 5.0e−20 of ∂L/∂h₄₃") — the vanishing or exploding gradient in
/// one line.
/// </summary>
public sealed class GradientStrip
{
    private const float CaptionHeight = 15f;
    private const float DecadeLabelWidth = 34f;

    private static readonly ColorMap Colors = new(0f, 1f, [Rgba.FromRgbHex(0x3B6EA8), Rgba.FromRgbHex(0x4FC3F7), Rgba.FromRgbHex(0xFFB74D), Rgba.FromRgbHex(0xFF8A65)], Theme.MissingValue); // red is for CLIPPED

    private readonly NetworkLayout _layout;

    public GradientStrip(NetworkLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        var n = layout.Network;
        Norms = n.GradientNormPerStep;
        var area = layout.GradientArea;
        var first = layout.GradientSlot(layout.FirstStep);
        var last = layout.GradientSlot(layout.FirstStep + layout.StepCount - 1);
        Aligned = layout.StepCount == n.Steps;
        Plot = RectF.FromEdges(first.X - (Aligned ? 0f : 2f), area.Y + CaptionHeight, MathF.Min(last.Right, area.Right - DecadeLabelWidth), area.Bottom);
        (LogMin, LogMax) = RangeOf(Norms);
    }

    /// <summary>|∂L/∂h_t| for every step (empty when not tracked or before the first backward pass).</summary>
    public float[] Norms { get; }

    /// <summary>Whether each bar sits under its column of the network (all steps shown).</summary>
    public bool Aligned { get; }

    /// <summary>Where the bars are.</summary>
    public RectF Plot { get; }

    /// <summary>The scale spans 10^LogMin … 10^LogMax (whole decades around the norms).</summary>
    public int LogMin { get; }

    /// <inheritdoc cref="LogMin"/>
    public int LogMax { get; }

    /// <summary>The caption of the latest <see cref="Draw"/>: the first/last ratio, or why there are no bars.</summary>
    public string Caption { get; private set; } = string.Empty;

    /// <summary>The slot of step <paramref name="t"/>'s bar (the bar grows up from its bottom).</summary>
    public RectF Slot(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, _layout.Network.Steps);
        if (Aligned)
        {
            var s = _layout.GradientSlot(t);
            return new RectF(s.X, Plot.Y, s.Width, Plot.Height);
        }

        var pitch = Plot.Width / _layout.Network.Steps;
        var x0 = MathF.Round(Plot.X + (t * pitch));
        var x1 = MathF.Round(Plot.X + ((t + 1) * pitch));
        return new RectF(x0, Plot.Y, MathF.Max(1f, x1 - x0 - (pitch >= 4f ? 1f : 0f)), Plot.Height);
    }

    /// <summary>Height of the bar for <paramref name="norm"/> on this strip's scale.</summary>
    public float BarHeight(float norm)
    {
        if (!(norm > 0f) || !float.IsFinite(norm))
        {
            return float.IsPositiveInfinity(norm) ? Plot.Height : 0f;
        }

        var t = (MathF.Log10(norm) - LogMin) / (LogMax - LogMin);
        return MathF.Round(Math.Clamp(t, 0f, 1f) * Plot.Height);
    }

    /// <summary>The step whose bar is under (<paramref name="x"/>, <paramref name="y"/>), or −1.</summary>
    public int StepAt(float x, float y)
    {
        if (!Plot.Contains(x, y) || Norms.Length == 0)
        {
            return -1;
        }

        for (var t = 0; t < Math.Min(Norms.Length, _layout.Network.Steps); t++)
        {
            var s = Slot(t);
            if (x >= s.X && x < s.Right + 1f)
            {
                return t;
            }
        }

        return -1;
    }

    /// <summary>"∂L/∂h₀ is 5.0e−20 of ∂L/∂h₄₃"; the caption when gradients are not tracked.</summary>
    public static string Ratio(float[] norms, bool trained)
    {
        ArgumentNullException.ThrowIfNull(norms);
        var first = Array.FindIndex(norms, v => v > 0f);
        if (first < 0)
        {
            // No norms, or only zeros (a model that does not record them per step).
            return trained ? "gradients not tracked for this model" : "no backward pass yet";
        }

        // Between the first and last steps the gradient reached: with truncated backpropagation through
        // time it flows back through part of the window only, and the caption says which part.
        var last = Array.FindLastIndex(norms, v => v > 0f);
        var ratio = norms[first] / (double)norms[last];
        var text = $"∂L/∂h{Subscript(first)} is {NumberFormat.Compact(ratio)} of ∂L/∂h{Subscript(last)}";
        return first == 0 && last == norms.Length - 1 ? text : $"{text} · the gradient reaches t={first}–{last} only";
    }

    public void Draw(DrawList list, bool trained)
    {
        ArgumentNullException.ThrowIfNull(list);
        var area = _layout.GradientArea;
        list.Text("|∂L/∂h|", area.X, area.Y + 2f, TextStyle.Body.Bolded, Theme.Title);
        list.Text("per step, log", area.X, area.Y + 18f, TextStyle.Small, Theme.TextDim);
        Caption = Ratio(Norms, trained);
        list.Text(list.Ellipsize(Caption, TextStyle.Small, area.Right - Plot.X), Plot.X, area.Y, TextStyle.Small, Norms.Any(v => v > 0f) ? Theme.Text : Theme.TextDim);
        if (!Aligned)
        {
            // Where the network's columns are in the whole sample.
            var a = Slot(_layout.FirstStep);
            var b = Slot(_layout.FirstStep + _layout.StepCount - 1);
            list.FillRect(RectF.FromEdges(a.X, Plot.Bottom, b.Right, Plot.Bottom + 2f), Theme.Accent);
        }

        // Grid lines at the bottom, middle and top decade; labels from the top down, each only where
        // it clears the one above (a short strip shows the top decade alone).
        var middle = (LogMin + LogMax) / 2;
        var labelHeight = list.MeasureText("1", TextStyle.Small).Y;
        var clear = float.NegativeInfinity;
        foreach (var exponent in new[] { LogMax, middle, LogMin }.Distinct())
        {
            var y = MathF.Round(Plot.Bottom - BarHeight(MathF.Pow(10, exponent)));
            list.FillRect(new RectF(Plot.X, y, Plot.Width, 1f), Theme.Grid);
            if (exponent != LogMin && y - (labelHeight / 2f) >= clear)
            {
                clear = list.Text(NumberFormat.Decade(exponent), Plot.Right + 4f, y, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle).Bottom;
            }
        }

        for (var t = 0; t < Math.Min(Norms.Length, _layout.Network.Steps); t++)
        {
            var slot = Slot(t);
            var height = BarHeight(Norms[t]);
            var fraction = height / MathF.Max(1f, Plot.Height);
            list.FillRect(new RectF(slot.X, slot.Bottom - height, slot.Width, height), Colors.Map(fraction));
        }

        if (_layout.Network.Clipped)
        {
            var badge = list.MeasureText("CLIPPED", TextStyle.Small.Bolded);
            var box = new RectF(area.X, MathF.Max(area.Y + 34f, area.Bottom - badge.Y - 2f), badge.X + 8f, badge.Y + 2f);
            if (box.Bottom <= area.Bottom + 1f)
            {
                list.FillRect(box, Theme.Danger);
                list.Text("CLIPPED", box.Center.X, box.Center.Y, TextStyle.Small.Bolded, Theme.Text, HAlign.Center, VAlign.Middle);
            }
        }
    }

    /// <summary>Whole decades around the positive finite norms, the smallest bar one decade above the floor.</summary>
    private static (int Min, int Max) RangeOf(float[] norms)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in norms)
        {
            if (v > 0f && float.IsFinite(v))
            {
                min = MathF.Min(min, v);
                max = MathF.Max(max, v);
            }
        }

        if (!float.IsFinite(min))
        {
            return (-3, 1);
        }

        var lo = (int)MathF.Floor(MathF.Log10(min)) - 1;
        var hi = (int)MathF.Ceiling(MathF.Log10(max));
        return (lo, Math.Max(hi, lo + 2));
    }

    private static string Subscript(int value) =>
        string.Concat(value.ToString(CultureInfo.InvariantCulture).Select(c => (char)('₀' + (c - '0'))));
}
