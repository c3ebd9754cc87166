using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// Every key of the window and what the colours mean, shown in place of the panels while ? is on, so a presenter can show the room how to read the picture.
/// </summary>
public static class HelpOverlay
{
    /// <summary>The window's keys and what each does, in the order shown.</summary>
    public static IReadOnlyList<(string Keys, string Action)> Keys { get; } =
    [
        ("Space", "pause / resume the simulation"),
        ("N", "one training step (pauses); on a DIVERGED banner: the next variant"),
        ("+ / −", "simulation faster / slower (ticks per second, up to max)"),
        ("[ / ]", "learning rate ×½ / ×2 (keeps the weights and the step count)"),
        ("C", "gradient clipping off / on"),
        (", / .", "clip threshold ×½ / ×2"),
        ("Tab", "cycle the panels: all, network, weather, training"),
        ("Ctrl+= / Ctrl+−", "presentation scale larger / smaller"),
        ("W", "fresh weights: the seeded start, step 0 (keeps the script)"),
        ("R", "reload the script and the shaders (starts training again)"),
        ("S", "save a screenshot into the run's folder"),
        ("T", "step through one pass: forward step by step, then backward, its numbers written out"),
        ("← → ↑ ↓ …", "the script's keys (on_key): arrows, Page Up/Down, Enter, the other letters"),
        ("F / H / D", "weather world: a storm front, a heat wave, a dry spell now"),
        ("1–8, 0", "climate: storminess, mean, seasons, noise −/+; 0 the script's climate"),
        ("?", "this help on / off"),
        ("mouse over", "the exact value under the pointer: a unit, a gate, a weight, a |∂L/∂h| bar, a chart point"),
        ("click a unit", "pin its activation over time (click it again or Esc to let go)"),
        ("buttons", "along the bottom: pause, learning rate ÷2 ×2, clipping, speed − +, reset weights"),
        ("Esc", "let go of a pinned unit, else quit (prints the scores, saves a checkpoint)"),
    ];

    /// <summary>What the colours and marks of the panels mean.</summary>
    public static IReadOnlyList<(string Mark, string Meaning)> Legend { get; } =
    [
        ("columns", "time steps, oldest left: a step's hidden strip sits to the right of its input, its lines lead up to it"),
        ("blue … white … red", "activations and inputs from −1 (or −scale) to +1"),
        ("purple … yellow", "gate values from 0 (closed) to 1 (open); h | i f g o: the cell, then its gates"),
        ("orange / blue lines", "the strongest positive / negative weights between units"),
        ("|∂L/∂h| bars", "how much each time step's state moves the loss (log scale); the ratio first/last"),
        ("CLIPPED", "the latest update's gradient was scaled down to the clip threshold"),
        ("dashed grey", "the persistence baseline (tomorrow is like today)"),
    ];

    /// <summary>Draws the help into <paramref name="area"/>: <paramref name="keys"/> (the host's; <see cref="Keys"/> for the sequence window), then the legend; returns the lines drawn.</summary>
    public static int Draw(DrawList list, RectF area, IReadOnlyList<(string Keys, string Action)> keys)
    {
        ArgumentNullException.ThrowIfNull(list);
        list.FillBackground(area, Theme.Panel);
        list.StrokeRect(area, Theme.PanelBorder);
        var x = area.X + 24f;
        var y = area.Y + 18f;
        var lines = 0;
        y = Section(list, "KEYS", keys, x, y, area, ref lines) + 14f;
        Section(list, "COLOURS AND MARKS", Legend, x, y, area, ref lines);
        return lines;
    }

    private static float Section(DrawList list, string title, IReadOnlyList<(string, string)> rows, float x, float y, RectF area, ref int lines)
    {
        list.Text(title, x, y, TextStyle.Small.Bolded, Theme.Title);
        y += 20f;
        var keyWidth = rows.Max(r => list.MeasureText(r.Item1, TextStyle.Body.Bolded).X) + 20f;
        var step = list.MeasureText("Ag", TextStyle.Body).Y + 4f;
        foreach (var (key, meaning) in rows)
        {
            if (y + step > area.Bottom - 8f)
            {
                list.RecordCut($"help left out '{key}'");
                continue;
            }

            list.Text(key, x, y, TextStyle.Body.Bolded, Theme.Accent);
            list.Text(list.Ellipsize(meaning, TextStyle.Body, area.Right - x - keyWidth - 16f), x + keyWidth, y, TextStyle.Body, Theme.Text);
            y += step;
            lines++;
        }

        return y;
    }
}
