namespace RnnPlayground.Snapshots;

/// <summary>Text whose top-left corner is at (X, Y), <paramref name="Size"/> pixels high.</summary>
public sealed record OverlayText(ViewPanel Panel, uint Color, float X, float Y, string Text, float Size = 13f)
    : OverlayItem(Panel, Color);
