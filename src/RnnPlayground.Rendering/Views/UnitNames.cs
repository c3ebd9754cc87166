using System.Globalization;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The names beside the unrolled network's rows: each input unit's feature, each output unit's
/// class or value with what the model predicts at the latest step ("rain 63 %", "temp_mean 10.2 °C",
/// the most probable class highlighted), and for a text model the row of characters read and
/// predicted at each step ("h→e").
/// </summary>
public static class UnitNames
{
    private const string TokenRowLabel = "read → next";

    /// <summary>Width the names column needs for <paramref name="network"/> (0 when it has no names).</summary>
    public static float ColumnWidth(DrawList list, NetworkSnapshot network)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(network);
        if (network.Labels is not { } labels)
        {
            return 0f;
        }

        var width = labels.IsText ? list.MeasureText(TokenRowLabel, TextStyle.Small).X : 0f;
        foreach (var name in labels.InputNames)
        {
            width = MathF.Max(width, list.MeasureText(name, TextStyle.Small).X);
        }

        for (var k = 0; k < labels.OutputNames.Count; k++)
        {
            var reserve = labels.IsText ? "" : k < labels.ClassCount ? " 100 %" : $" −88.8 {labels.OutputUnits[k]}";
            width = MathF.Max(width, list.MeasureText(labels.OutputNames[k], TextStyle.Small).X + list.MeasureText(reserve, TextStyle.Small.Bolded).X);
        }

        return MathF.Ceiling(width) + 6f;
    }

    /// <summary>The decoded output <paramref name="k"/>: "63 %" for a class probability, "10.2 °C" for a value.</summary>
    public static string OutputValue(NetworkLabels labels, int k, float value)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (float.IsNaN(value))
        {
            return "–";
        }

        return k < labels.ClassCount
            ? string.Create(CultureInfo.InvariantCulture, $"{value * 100f:0} %")
            : $"{NumberFormat.Compact(value)} {labels.OutputUnits[k]}".TrimEnd();
    }

    /// <summary>The latest step at which the network has an output (−1: none).</summary>
    public static int LatestOutputStep(NetworkSnapshot network)
    {
        ArgumentNullException.ThrowIfNull(network);
        for (var t = network.Steps - 1; t >= 0 && network.OutputSize > 0; t--)
        {
            if (!float.IsNaN(network.Outputs[t * network.OutputSize]))
            {
                return t;
            }
        }

        return -1;
    }

    public static void Draw(DrawList list, NetworkLayout layout)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(layout);
        var n = layout.Network;
        if (n.Labels is not { } labels)
        {
            return;
        }

        if (layout.InputsNamed && layout.InputBand is { } input)
        {
            for (var u = 0; u < input.Shown; u++)
            {
                list.Text(labels.InputNames[u], layout.NamesRight, RowMid(input, u), TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle);
            }
        }

        if (layout.OutputsNamed && layout.OutputBand is { } output)
        {
            var t = LatestOutputStep(n);
            var best = t >= 0 ? labels.PredictedClass(t, n.OutputSize) : -1;
            for (var k = 0; k < output.Shown; k++)
            {
                var y = RowMid(output, k);
                var right = layout.NamesRight;
                if (!labels.IsText && t >= 0)
                {
                    var value = OutputValue(labels, k, labels.Decoded[(t * n.OutputSize) + k]);
                    right = list.Text(value, right, y, TextStyle.Small.Bolded, k == best ? Theme.Accent : Theme.Text, HAlign.Right, VAlign.Middle).X - 4f;
                }

                list.Text(labels.OutputNames[k], right, y, TextStyle.Small, k == best ? Theme.Accent : Theme.TextDim, HAlign.Right, VAlign.Middle);
            }
        }

        if (layout.HasTokenRow && layout.OutputBand is { } band)
        {
            DrawTokenRow(list, layout, labels, band);
        }
    }

    /// <summary>The token read at a step and the one predicted to follow: "h→e".</summary>
    public static string TokenStep(NetworkLabels labels, int step, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var predicted = labels.PredictedClass(step, outputSize);
        return $"{labels.StepTokens[step]}→{(predicted >= 0 ? labels.OutputNames[predicted] : "–")}";
    }

    private static void DrawTokenRow(DrawList list, NetworkLayout layout, NetworkLabels labels, NetworkBand band)
    {
        var y = layout.TokenRowY + (NetworkLayout.TokenRowHeight / 2f);
        list.Text(TokenRowLabel, layout.NamesRight, y, TextStyle.Small, Theme.Title, HAlign.Right, VAlign.Middle);

        var right = float.NegativeInfinity;
        for (var t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
        {
            var text = TokenStep(labels, t, layout.Network.OutputSize);
            var x = layout.StripX(band, t);
            if (x < right + 6f)
            {
                continue;
            }

            right = list.Text(text, x, y, TextStyle.Small, Theme.Text, HAlign.Left, VAlign.Middle).Right;
        }
    }

    private static float RowMid(NetworkBand band, int unit) => band.Top + (unit * band.RowHeight) + (band.RowHeight / 2f);
}
