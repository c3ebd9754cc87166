using RnnPlayground.Rendering.Views;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>What a click in the window hit, as the script's <c>on_click</c> receives it, with the value the clicked frame showed.</summary>
internal static class ClickTargets
{
    public static ClickTarget? From(Inspected? hit, ViewPanel? panel, Snapshot? snapshot)
    {
        if (hit is not { } h || snapshot is null)
            return panel is { } p ? new ClickTarget("panel", Name: p.ToString().ToLowerInvariant()) : null;
        double value = InspectedValue.Of(h, snapshot);
        return h.Kind switch
        {
            InspectedKind.Hidden => new ClickTarget("unit", h.Layer, h.Step, h.Unit, h.Unit, value),
            InspectedKind.Gate => new ClickTarget("gate", h.Layer, h.Step, h.Unit, h.Index, value,
                snapshot.Network is { } n && h.Index < n.GateOrder.Count ? n.GateOrder[h.Index].ToString().ToLowerInvariant() : null),
            InspectedKind.Input => new ClickTarget("input", -1, h.Step, h.Unit, h.Unit, value, snapshot.Network?.Labels?.InputNames.ElementAtOrDefault(h.Unit)),
            InspectedKind.Output => new ClickTarget("output", -1, h.Step, h.Unit, h.Unit, value, snapshot.Network?.Labels?.OutputNames.ElementAtOrDefault(h.Unit)),
            InspectedKind.Weight => new ClickTarget("weight", h.Layer, -1, h.Unit, h.Index, value, h.Recurrent ? "W_hh" : "W_ih", h.Recurrent),
            InspectedKind.OutputWeight => new ClickTarget("weight", h.Layer, -1, h.Unit, h.Index, value, "W_y"),
            InspectedKind.GradientBar => new ClickTarget("gradient", -1, h.Step, -1, -1, value),
            InspectedKind.SeriesPoint or InspectedKind.PredictionPoint or InspectedKind.TrainingPoint =>
                new ClickTarget("chart", -1, -1, -1, h.Index, value, h.Name),
            _ => null,
        };
    }
}
