using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The object behind <c>ctx.canvas</c>, which an <c>on_draw(ctx)</c> callback draws overlays on:
/// <c>ctx.canvas:line(x0, y0, x1, y1, {color = "#ff8800", width = 2, panel = "network"})</c>,
/// <c>:rect(x, y, w, h, {fill = true})</c>, <c>:text(x, y, "text", {size = 14})</c>, with
/// coordinates as fractions of the panel (0..1).
/// </summary>
public sealed class OverlayCanvas
{
    public override string ToString() => "Canvas";

    /// <summary>Declares the <c>Canvas</c> handle kind and its methods, which draw into <see cref="ScriptSession.Overlay"/>.</summary>
    public static HandleKind<OverlayCanvas> Register(LuaHost host, ScriptSession session)
    {
        HandleKind<OverlayCanvas> canvas = host.RegisterHandleKind<OverlayCanvas>("Canvas");
        canvas.RegisterMethod("line", (_, call) =>
        {
            (ViewPanel panel, uint color, ScriptOptions o) = Style(call, 5);
            float width = (float)o.OptionalNumber("width", NumberRange.Between(0.1, 50), 1.5);
            Draw(session, new OverlayLine(panel, color, F(call, 1, "x0"), F(call, 2, "y0"), F(call, 3, "x1"), F(call, 4, "y1"), width));
            call.ReturnNil();
        });
        canvas.RegisterMethod("rect", (_, call) =>
        {
            (ViewPanel panel, uint color, ScriptOptions o) = Style(call, 5);
            bool fill = o.OptionalBool("fill", false);
            float width = (float)o.OptionalNumber("width", NumberRange.Between(0.1, 50), 1.5);
            Draw(session, new OverlayRect(panel, color, F(call, 1, "x"), F(call, 2, "y"), F(call, 3, "w"), F(call, 4, "h"), fill, width));
            call.ReturnNil();
        });
        canvas.RegisterMethod("text", (_, call) =>
        {
            (ViewPanel panel, uint color, ScriptOptions o) = Style(call, 4);
            float size = (float)o.OptionalNumber("size", NumberRange.Between(6, 96), 13);
            Draw(session, new OverlayText(panel, color, F(call, 1, "x"), F(call, 2, "y"), call.String(3, "text"), size));
            call.ReturnNil();
        });
        return canvas;
    }

    private static float F(ScriptCall call, int position, string name) => (float)call.Number(position, name, NumberRange.Between(-10, 10));

    private static (ViewPanel Panel, uint Color, ScriptOptions Options) Style(ScriptCall call, int position)
    {
        ScriptOptions o = call.OptionalOptions(position);
        ViewPanel panel = ViewSettingsReader.Panel(o.OptionalOneOf("panel", ViewSettingsReader.Panels, "all"));
        uint color = o.Has("color") ? ViewSettingsReader.Color(o.RequiredString("color"), "color") : 0xFFD166FF;
        return (panel, color, o);
    }

    private static void Draw(ScriptSession session, OverlayItem item)
    {
        List<OverlayItem> list = session.Overlay ?? throw new ScriptArgumentException("draw from an on_draw(ctx) callback");
        if (list.Count >= 2000) throw new ScriptArgumentException("an overlay may hold at most 2000 items per frame");
        list.Add(item);
    }
}
