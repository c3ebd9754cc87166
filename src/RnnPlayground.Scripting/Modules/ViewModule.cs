using System.Globalization;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Modules;

/// <summary>
/// <c>rnn.view{…}</c>: what the live window shows (panel, layers, units, steps, connections,
/// gates, series, colours); and the Canvas an <c>on_draw(ctx)</c> callback draws overlays on:
/// <c>ctx.canvas:line(x0, y0, x1, y1, {color = "#ff8800", width = 2, panel = "network"})</c>,
/// <c>:rect(x, y, w, h, {fill = true})</c>, <c>:text(x, y, "text", {size = 14})</c>, with
/// coordinates as fractions of the panel (0..1).
/// </summary>
public static class ViewModule
{
    private static readonly string[] Panels = ["all", "network", "weather", "training"];

    /// <summary>The object behind <c>ctx.canvas</c>.</summary>
    public sealed class Canvas
    {
        public override string ToString() => "Canvas";
    }

    public static HandleKind<Canvas> Register(LuaHost host, ScriptSession session)
    {
        host.RegisterFunction("rnn", "view", call =>
        {
            session.View = Read(call.Options(1));
            call.ReturnNil();
        });
        HandleKind<Canvas> canvas = host.RegisterHandleKind<Canvas>("Canvas");
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
        ViewPanel panel = Panel(o.OptionalOneOf("panel", Panels, "all"));
        uint color = o.Has("color") ? Color(o.RequiredString("color"), "color") : 0xFFD166FF;
        return (panel, color, o);
    }

    private static void Draw(ScriptSession session, OverlayItem item)
    {
        List<OverlayItem> list = session.Overlay ?? throw new ScriptArgumentException("draw from an on_draw(ctx) callback");
        if (list.Count >= 2000) throw new ScriptArgumentException("an overlay may hold at most 2000 items per frame");
        list.Add(item);
    }

    private static ViewPanel Panel(string name) => name switch
    {
        "network" => ViewPanel.Network,
        "weather" => ViewPanel.Weather,
        "training" => ViewPanel.Training,
        _ => ViewPanel.All,
    };

    /// <summary>"#rrggbb" or "#rrggbbaa" as 0xRRGGBBAA.</summary>
    public static uint Color(string text, string name)
    {
        string hex = text.StartsWith('#') ? text[1..] : text;
        if ((hex.Length == 6 || hex.Length == 8) && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
            return hex.Length == 6 ? (v << 8) | 0xFF : v;
        throw new ScriptArgumentException($"'{name}' must be a colour like \"#ff8800\" or \"#ff880080\" (got \"{text}\")");
    }

    /// <summary>Reads view settings from <c>{panel, layers, max_units, max_steps, max_connections, gates, series, negative, positive}</c>.</summary>
    public static ViewSettings Read(ScriptOptions o)
    {
        ViewPanel? panel = o.Has("panel") ? Panel(o.RequiredOneOf("panel", Panels)) : null;
        float[]? layers = o.OptionalFloats("layers");
        if (layers is not null && layers.Any(l => l < 1 || l != MathF.Floor(l)))
            throw new ScriptArgumentException("'layers' must list layer numbers from 1");
        return new ViewSettings(
            panel,
            layers?.Select(l => (int)l - 1).ToArray(),
            o.Has("max_units") ? o.RequiredInt("max_units", IntRange.Between(1, 4096)) : null,
            o.Has("max_steps") ? o.RequiredInt("max_steps", IntRange.Between(1, 4096)) : null,
            o.Has("max_connections") ? o.RequiredInt("max_connections", IntRange.Between(0, 100_000)) : null,
            o.Has("gates") ? o.RequiredBool("gates") : null,
            o.OptionalStrings("series"),
            o.Has("negative") ? Color(o.RequiredString("negative"), "negative") : null,
            o.Has("positive") ? Color(o.RequiredString("positive"), "positive") : null);
    }
}
