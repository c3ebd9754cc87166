using RnnPlayground.Snapshots;
using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The bar across the top: script name, step, epoch, loss, learning rate, steps/s, a PAUSED badge,
/// the script's message, the panel shown, and the FPS the renderer measured.
/// </summary>
public sealed class Hud
{
    /// <summary>Height of the bar in pixels.</summary>
    public const float Height = 34f;

    public void Draw(DrawList list, RectF area, Snapshot? snapshot, FrameStats stats, ViewPanel panel)
    {
        ArgumentNullException.ThrowIfNull(list);
        list.FillBackground(area, Theme.Panel);
        list.FillRect(area.TakeBottom(1f), Theme.PanelBorder);
        var mid = area.Center.Y;
        var x = area.X + 12f;

        var right = area.Right - 12f;
        var fps = double.IsNaN(stats.FramesPerSecond) ? "FPS –" : $"FPS {stats.FramesPerSecond:0}";
        right = list.Text(fps, right, mid, TextStyle.Body.Bolded, Theme.Good, HAlign.Right, VAlign.Middle).X - 14f;
        right = list.Text($"[Tab] {PanelName(panel)}", right, mid, TextStyle.Small, Theme.TextDim, HAlign.Right, VAlign.Middle).X - 14f;

        if (snapshot is null)
        {
            list.Text("waiting for the first snapshot…", x, mid, TextStyle.Body, Theme.TextDim, HAlign.Left, VAlign.Middle);
            return;
        }

        var name = list.Ellipsize(snapshot.ScriptName, TextStyle.Large, 260f);
        x = list.Text(name, x, mid, TextStyle.Large, Theme.Text, HAlign.Left, VAlign.Middle).Right + 18f;
        foreach (var (key, value) in Fields(snapshot))
        {
            if (x > right - 120f)
            {
                break;
            }

            x = list.Text(key, x, mid, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle).Right + 5f;
            x = list.Text(value, x, mid, TextStyle.Body.Bolded, Theme.Text, HAlign.Left, VAlign.Middle).Right + 16f;
        }

        if (snapshot.Paused)
        {
            var size = list.MeasureText("PAUSED", TextStyle.Small.Bolded);
            var badge = new RectF(x, mid - (size.Y / 2f) - 3f, size.X + 12f, size.Y + 6f);
            list.FillRect(badge, Theme.Warning);
            list.Text("PAUSED", badge.Center.X, mid, TextStyle.Small.Bolded, Theme.Background, HAlign.Center, VAlign.Middle);
            x = badge.Right + 14f;
        }

        if (!string.IsNullOrEmpty(snapshot.Message) && right - x > 40f)
        {
            list.Text(list.Ellipsize(snapshot.Message, TextStyle.Body, right - x), x, mid, TextStyle.Body, Theme.Warning, HAlign.Left, VAlign.Middle);
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

    private static IEnumerable<(string Key, string Value)> Fields(Snapshot s)
    {
        yield return ("step", NumberFormat.Integer(s.Step));
        yield return ("epoch", NumberFormat.Integer(s.Epoch));
        yield return ("loss", NumberFormat.Compact(s.Loss));
        yield return ("lr", NumberFormat.Compact(s.LearningRate));
        yield return ("steps/s", NumberFormat.Compact(s.StepsPerSecond));
    }
}
