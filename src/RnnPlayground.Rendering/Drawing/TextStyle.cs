namespace RnnPlayground.Rendering.Drawing;

/// <summary>A text size in pixels and weight; the atlas holds the sizes of <see cref="Theme"/>.</summary>
public readonly record struct TextStyle(float Size, bool Bold = false)
{
    public static TextStyle Small => new(Theme.SmallText);

    public static TextStyle Body => new(Theme.BodyText);

    public static TextStyle Heading => new(Theme.HeadingText, Bold: true);

    public static TextStyle Large => new(Theme.LargeText, Bold: true);

    public TextStyle Bolded => this with { Bold = true };
}

/// <summary>Which point of the text's box the given x refers to.</summary>
public enum HAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Which height of the text the given y refers to: the top of the line box, the middle of the
/// capitals, the baseline, or the bottom of the line box.
/// </summary>
public enum VAlign
{
    Top,
    Middle,
    Baseline,
    Bottom,
}
