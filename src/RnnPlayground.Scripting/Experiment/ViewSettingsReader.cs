using System.Globalization;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// What the live window shows, as <c>rnn.view{…}</c> and the experiment's <c>view</c> give it:
/// panel, layers, units, steps, connections, gates, series, colours.
/// </summary>
public static class ViewSettingsReader
{
    /// <summary>The panel names scripts use, <c>"all"</c> first.</summary>
    public static readonly string[] Panels = ["all", "network", "weather", "training"];

    /// <summary>The panel a name from <see cref="Panels"/> stands for.</summary>
    public static ViewPanel Panel(string name) => name switch
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

    /// <summary>Reads view settings from <c>{panel, layers, max_units, max_steps, max_connections, gates, series, negative, positive, weight_labels}</c>.</summary>
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
            o.Has("positive") ? Color(o.RequiredString("positive"), "positive") : null,
            o.Has("weight_labels") ? o.RequiredBool("weight_labels") : null);
    }
}
