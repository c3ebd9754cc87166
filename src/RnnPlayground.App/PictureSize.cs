namespace RnnPlayground.App;

/// <summary>A window or picture size in pixels, written <c>WIDTHxHEIGHT</c>.</summary>
internal readonly record struct PictureSize(int Width, int Height)
{
    public override string ToString() => $"{Width}x{Height}";
}
