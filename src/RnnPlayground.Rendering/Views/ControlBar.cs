using System.Numerics;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The strip of buttons across the bottom of the window for the main controls, each group with its
/// current value: pause / resume, learning rate ÷2 ×2, clipping on / off, simulation speed − +, and
/// a weight reset (W). Where each button went is kept for the pointer.
/// </summary>
public sealed class ControlBar
{
    /// <summary>Height of the strip in layout pixels.</summary>
    public const float Height = 30f;

    private readonly List<(RectF Box, WindowControl Control)> _buttons = [];

    /// <summary>The controls the host carries out, in the order shown (a host that cannot reset the weights leaves that one out).</summary>
    public IReadOnlyList<WindowControl> Available { get; set; } =
        [WindowControl.PauseResume, WindowControl.HalveLearningRate, WindowControl.DoubleLearningRate, WindowControl.ToggleClipping, WindowControl.Slower, WindowControl.Faster, WindowControl.ResetWeights];

    /// <summary>The buttons of the latest <see cref="Draw"/> and where they are (layout pixels).</summary>
    public IReadOnlyList<(RectF Box, WindowControl Control)> Buttons => _buttons;

    /// <summary>The button at <paramref name="p"/>, or null.</summary>
    public WindowControl? At(Vector2 p)
    {
        foreach (var (box, control) in _buttons)
        {
            if (box.Contains(p.X, p.Y))
            {
                return control;
            }
        }

        return null;
    }

    public void Draw(DrawList list, RectF area, Snapshot? snapshot, WindowControl? hovered)
    {
        ArgumentNullException.ThrowIfNull(list);
        _buttons.Clear();
        if (area.IsEmpty)
        {
            return;
        }

        list.FillBackground(area, Theme.Panel);
        list.FillRect(area.TakeTop(1f), Theme.PanelBorder);
        var mid = area.Center.Y;
        var x = area.X + 12f;
        WindowControl? previous = null;
        foreach (var control in Available)
        {
            if (GroupLabel(control, snapshot) is { } label && previous is not (WindowControl.HalveLearningRate or WindowControl.Slower))
            {
                x = list.Text(label, x + (previous is null ? 0f : 10f), mid, TextStyle.Small, Theme.TextDim, HAlign.Left, VAlign.Middle).Right + 6f;
            }

            var text = ButtonText(control, snapshot);
            var size = list.MeasureText(text, TextStyle.Small.Bolded);
            var box = new RectF(x, mid - 10f, size.X + 16f, 20f);
            if (box.Right > area.Right - 8f)
            {
                list.RecordCut($"controls left out '{text}'");
                break;
            }

            list.FillRect(box, control == hovered ? Theme.Accent.WithAlpha(0.35f) : Theme.PlotBackground);
            list.StrokeRect(box, control == hovered ? Theme.Accent : Theme.PanelBorder);
            list.Text(text, box.Center.X, mid, TextStyle.Small.Bolded, Theme.Text, HAlign.Center, VAlign.Middle);
            _buttons.Add((box, control));
            x = box.Right + 6f;
            previous = control;
        }
    }

    private static string? GroupLabel(WindowControl control, Snapshot? s) => control switch
    {
        WindowControl.HalveLearningRate or WindowControl.DoubleLearningRate => s is null ? "lr" : $"lr {NumberFormat.Compact(s.LearningRate)}",
        WindowControl.ToggleClipping => s is null || !float.IsFinite(s.Training.ClipThreshold) ? "clip off" : $"clip {NumberFormat.Compact(s.Training.ClipThreshold)}",
        WindowControl.Slower or WindowControl.Faster => s is null ? "speed" : $"speed {Hud.Speed(s.TicksPerSecond)}",
        _ => null,
    };

    private static string ButtonText(WindowControl control, Snapshot? s) => control switch
    {
        WindowControl.PauseResume => s is { Paused: true } ? "▶ resume" : "‖ pause",
        WindowControl.HalveLearningRate => "÷2",
        WindowControl.DoubleLearningRate => "×2",
        WindowControl.ToggleClipping => s is not null && float.IsFinite(s.Training.ClipThreshold) ? "turn off" : "turn on",
        WindowControl.Slower => "−",
        WindowControl.Faster => "+",
        _ => "↺ reset weights",
    };
}
