namespace RnnPlayground.Snapshots;

/// <summary>A rectangle with top-left (X, Y); filled, or outlined <paramref name="Thickness"/> pixels wide.</summary>
public sealed record OverlayRect(ViewPanel Panel, uint Color, float X, float Y, float Width, float Height, bool Filled = false, float Thickness = 1.5f)
    : OverlayItem(Panel, Color);
