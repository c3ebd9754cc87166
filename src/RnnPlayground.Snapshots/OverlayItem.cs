namespace RnnPlayground.Snapshots;

/// <summary>
/// One item of a script's overlay draw list. Coordinates are fractions of the target panel's
/// content rectangle: (0, 0) its top-left corner, (1, 1) its bottom-right; <see cref="ViewPanel.All"/>
/// targets the whole frame. Colours are 0xRRGGBBAA. Items aimed at a hidden panel are not drawn.
/// </summary>
public abstract record OverlayItem(ViewPanel Panel, uint Color);
