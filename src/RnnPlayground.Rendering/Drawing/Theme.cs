namespace RnnPlayground.Rendering.Drawing;

/// <summary>The colours and text sizes every view shares: a dark background with clear accents.</summary>
public static class Theme
{
    public static readonly Rgba Background = Rgba.FromRgbHex(0x0E1117);
    public static readonly Rgba Panel = Rgba.FromRgbHex(0x161B24);
    public static readonly Rgba PanelBorder = Rgba.FromRgbHex(0x2A3242);
    public static readonly Rgba PlotBackground = Rgba.FromRgbHex(0x11151D);
    public static readonly Rgba Grid = Rgba.FromRgbHex(0x252C3A);
    public static readonly Rgba Text = Rgba.FromRgbHex(0xE6E9EF);
    public static readonly Rgba TextDim = Rgba.FromRgbHex(0x8C96A8);
    public static readonly Rgba Title = Rgba.FromRgbHex(0x9FB3D1);
    public static readonly Rgba Accent = Rgba.FromRgbHex(0x4FC3F7);
    public static readonly Rgba Warning = Rgba.FromRgbHex(0xFFB74D);
    public static readonly Rgba Danger = Rgba.FromRgbHex(0xEF5350);
    public static readonly Rgba ErrorBackground = Rgba.FromRgbHex(0x3A1518);
    public static readonly Rgba Good = Rgba.FromRgbHex(0x81C784);
    public static readonly Rgba MissingValue = Rgba.FromRgbHex(0x2B3140);
    public static readonly Rgba Truth = Rgba.FromRgbHex(0xE6E9EF);
    public static readonly Rgba Model = Rgba.FromRgbHex(0xFFA726);
    public static readonly Rgba Baseline = Rgba.FromRgbHex(0x8C96A8);
    public static readonly Rgba PositiveWeight = Rgba.FromRgbHex(0xEF8A62);
    public static readonly Rgba NegativeWeight = Rgba.FromRgbHex(0x67A9CF);

    /// <summary>Distinct line colours for series, in order.</summary>
    public static readonly Rgba[] SeriesPalette =
    [
        Rgba.FromRgbHex(0x4FC3F7),
        Rgba.FromRgbHex(0xFFB74D),
        Rgba.FromRgbHex(0x81C784),
        Rgba.FromRgbHex(0xE57373),
        Rgba.FromRgbHex(0xBA68C8),
        Rgba.FromRgbHex(0xFFF176),
        Rgba.FromRgbHex(0x4DB6AC),
        Rgba.FromRgbHex(0xF06292),
    ];

    /// <summary>Text sizes in pixels; the glyph atlas holds exactly these.</summary>
    public const float SmallText = 11f;
    public const float BodyText = 13f;
    public const float HeadingText = 15f;
    public const float LargeText = 19f;
}
