using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The bar across the top: the script's file name and the variant ("k of n"), step, epoch, loss,
/// learning rate, clipping, the measured training steps/s and ticks/s, the speed asked for, the
/// script's status (the simulated date and hour), a PAUSED badge, and at the right the panel shown,
/// the help key and the FPS the renderer measured. Fields that do not fit are left out, least
/// important first, and recorded as cuts.
/// </summary>
public sealed class Hud
{
    /// <summary>Height of the bar in layout pixels.</summary>
    public const float Height = 34f;

    private const float FieldGap = 16f;

    private readonly List<string> _shown = [];

    /// <summary>"key value" of every field the latest <see cref="Draw"/> showed, in order.</summary>
    public IReadOnlyList<string> Shown => _shown;

    public void Draw(DrawList list, RectF area, Snapshot? snapshot, FrameStats stats, ViewPanel panel)
    {
        ArgumentNullException.ThrowIfNull(list);
        _shown.Clear();
        list.FillBackground(area, Theme.Panel);
        list.FillRect(area.TakeBottom(1f), Theme.PanelBorder);
        var mid = area.Center.Y;
        var x = area.X + 12f;

        var right = area.Right - 12f;
        var fps = double.IsNaN(stats.FramesPerSecond) ? "FPS –" : $"FPS {stats.FramesPerSecond:0}";
        right = list.Text(fps, right, mid, TextStyle.Body.Bolded, Theme.Good, HAlign.Right, VAlign.Middle).X - 14f;
        right = list.Text($"[Tab] {PanelName(panel)} · [?] help", right, mid, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle).X - 14f;
        _shown.Add(fps);

        if (snapshot is null)
        {
            list.Text("waiting for the first snapshot…", x, mid, TextStyle.Body, Theme.TextDim, HAlign.Left, VAlign.Middle);
            return;
        }

        var name = Path.GetFileName(snapshot.ScriptName);
        x = list.Text(name, x, mid, TextStyle.Large, Theme.Text, HAlign.Left, VAlign.Middle).Right + 12f;
        if (snapshot.Variant is { } variant)
        {
            x = list.Text(variant, x, mid, TextStyle.Body.Bolded, Theme.Accent, HAlign.Left, VAlign.Middle).Right + FieldGap;
            _shown.Add(variant);
        }

        // Which fields fit, most important first; drawn in their natural order.
        var fields = Fields(snapshot).ToList();
        var badge = snapshot.Paused ? list.MeasureText("PAUSED", TextStyle.Small.Bolded).X + 12f + FieldGap : 0f;
        var message = string.IsNullOrEmpty(snapshot.Message) ? 0f : list.MeasureText(snapshot.Message, TextStyle.Body).X + FieldGap;
        var room = right - x - badge;
        if (message > room * 0.45f)
        {
            // A status too long for the bar is left out (errors go to the banner instead).
            list.RecordCut($"HUD left out the status '{snapshot.Message}'");
            message = 0f;
        }

        room -= message;
        var keep = new bool[fields.Count];
        foreach (var i in Enumerable.Range(0, fields.Count).OrderBy(i => fields[i].Priority))
        {
            var w = FieldWidth(list, fields[i]);
            if (w <= room)
            {
                keep[i] = true;
                room -= w;
            }
            else
            {
                list.RecordCut($"HUD left out '{fields[i].Key}'");
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            var (key, value, _, color) = fields[i];
            x = list.Text(key, x, mid, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle).Right + 5f;
            x = list.Text(value, x, mid, TextStyle.Body.Bolded, color ?? Theme.Text, HAlign.Left, VAlign.Middle).Right + FieldGap;
            _shown.Add($"{key} {value}");
        }

        if (snapshot.Paused)
        {
            var size = list.MeasureText("PAUSED", TextStyle.Small.Bolded);
            var box = new RectF(x, mid - (size.Y / 2f) - 3f, size.X + 12f, size.Y + 6f);
            list.FillRect(box, Theme.Warning);
            list.Text("PAUSED", box.Center.X, mid, TextStyle.Small.Bolded, Theme.Background, HAlign.Center, VAlign.Middle);
            x = box.Right + FieldGap;
            _shown.Add("PAUSED");
        }

        if (message > 0f)
        {
            list.Text(snapshot.Message!, x, mid, TextStyle.Body, Theme.Warning, HAlign.Left, VAlign.Middle);
            _shown.Add(snapshot.Message!);
        }
    }

    /// <summary>The label of <paramref name="panel"/> in the HUD and panel titles.</summary>
    public static string PanelName(ViewPanel panel) => panel switch
    {
        ViewPanel.Network => "network",
        ViewPanel.Weather => "weather",
        ViewPanel.Training => "training",
        _ => "all",
    };

    /// <summary>The simulation speed asked for: "max" or "48/s".</summary>
    public static string Speed(double ticksPerSecond) =>
        double.IsPositiveInfinity(ticksPerSecond) ? "max" : $"{NumberFormat.Compact(ticksPerSecond)}/s";

    private static float FieldWidth(DrawList list, (string Key, string Value, int Priority, Rgba? Color) f) =>
        list.MeasureText(f.Key, TextStyle.Small).X + 5f + list.MeasureText(f.Value, TextStyle.Body.Bolded).X + FieldGap;

    /// <summary>The fields in display order, with their priority (0 most important) and a colour when it means something.</summary>
    private static IEnumerable<(string Key, string Value, int Priority, Rgba? Color)> Fields(Snapshot s)
    {
        var trained = s.Step > 0;
        yield return ("step", NumberFormat.Integer(s.Step), 0, null);
        yield return ("epoch", NumberFormat.Integer(s.Epoch), 6, null);
        yield return ("loss", trained ? NumberFormat.Compact(s.Loss) : "–", 1, double.IsFinite(s.Loss) || !trained ? null : Theme.Danger);
        yield return ("lr", NumberFormat.Compact(s.LearningRate), 2, null);
        var clip = s.Training.ClipThreshold;
        yield return ("clip", float.IsFinite(clip) ? NumberFormat.Compact(clip) : "off", 3, null);
        yield return ("steps/s", NumberFormat.Compact(s.StepsPerSecond), 4, null);
        yield return ("ticks/s", NumberFormat.Compact(s.MeasuredTicksPerSecond), 7, null);
        yield return ("speed", Speed(s.TicksPerSecond), 5, null);
    }
}
