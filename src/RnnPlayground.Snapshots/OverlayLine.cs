namespace RnnPlayground.Snapshots;

/// <summary>A straight line from (X0, Y0) to (X1, Y1), <paramref name="Thickness"/> pixels wide.</summary>
public sealed record OverlayLine(ViewPanel Panel, uint Color, float X0, float Y0, float X1, float Y1, float Thickness = 1.5f)
    : OverlayItem(Panel, Color);
