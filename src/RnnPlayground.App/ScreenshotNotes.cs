using System.Text.Json;
using System.Text.Json.Nodes;
using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Rendering.Views;
using RnnPlayground.Snapshots;

namespace RnnPlayground.App;

/// <summary>
/// What a window screenshot showed, beside it as JSON (<c>screenshot-001.json</c>): the step, the
/// pointer and the tooltip under it, the on-screen buttons and the hidden units' cells (in window
/// pixels), the network's values the frame drew (hidden states per layer, [T, H] row-major; the
/// inputs, weights and biases), the step-through's lines and the narration panel's, so the numbers
/// behind a picture can be read and recomputed afterwards.
/// </summary>
internal static class ScreenshotNotes
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string path, SceneRenderer scene, Snapshot? snapshot)
    {
        float scale = scene.Scale;
        var root = new JsonObject
        {
            ["step"] = snapshot?.Step,
            ["sequence"] = snapshot?.Sequence,
            ["scale"] = scale,
        };
        if (scene.Inspector.Pointer is { } p) root["pointer"] = new JsonArray(p.X * scale, p.Y * scale);
        root["tooltip"] = new JsonArray([.. scene.Inspector.TooltipLines.Select(l => (JsonNode)l)]);
        if (scene.Inspector.Hovered is { } h)
            root["hovered"] = new JsonObject { ["kind"] = h.Kind.ToString(), ["layer"] = h.Layer, ["step"] = h.Step, ["unit"] = h.Unit, ["index"] = h.Index, ["name"] = h.Name };
        root["buttons"] = new JsonArray([.. scene.Inspector.Controls.Buttons.Select(b => (JsonNode)Box(b.Control.ToString(), b.Box, scale))]);
        if (scene.Inspector.Pinned.Unit is { } pinned)
            root["pinned"] = new JsonObject { ["layer"] = pinned.Layer, ["unit"] = pinned.Unit, ["values"] = Numbers(scene.Inspector.Pinned.Values()) };
        if (scene.LastNetworkLayout is { } layout)
        {
            var cells = new JsonArray();
            foreach (int layer in layout.Layers)
            {
                NetworkBand band = layout.HiddenBand(layer)!;
                for (int t = layout.FirstStep; t < layout.FirstStep + layout.StepCount; t++)
                    for (int u = 0; u < band.Shown; u++)
                    {
                        JsonObject cell = Box("hidden", layout.HiddenCell(t, layer, u), scale);
                        cell["layer"] = layer;
                        cell["step"] = t;
                        cell["unit"] = u;
                        cells.Add(cell);
                    }
            }
            root["hidden_cells"] = cells;
            NetworkSnapshot n = layout.Network;
            root["hidden_sizes"] = new JsonArray([.. n.HiddenSizes.Select(s => (JsonNode)s)]);
            root["hidden"] = new JsonArray([.. n.Hidden.Select(h => (JsonNode)Numbers(h))]);
            root["inputs"] = Numbers(n.Inputs);
            root["input_weights"] = new JsonArray([.. n.InputWeights.Select(w => (JsonNode)Numbers(w))]);
            root["recurrent_weights"] = new JsonArray([.. n.RecurrentWeights.Select(w => (JsonNode)Numbers(w))]);
            root["input_biases"] = new JsonArray([.. n.InputBiases.Select(b => (JsonNode)Numbers(b))]);
            root["recurrent_biases"] = new JsonArray([.. n.RecurrentBiases.Select(b => (JsonNode)Numbers(b))]);
        }
        if (snapshot?.Walk is { } walk)
            root["walk"] = new JsonObject
            {
                ["backward"] = walk.Backward, ["step"] = walk.Step, ["layer"] = walk.Layer, ["unit"] = walk.Unit, ["title"] = walk.Title,
                ["lines"] = new JsonArray([.. walk.Lines.Select(l => (JsonNode)l)]),
            };
        root["narration"] = new JsonArray([.. scene.NarrationLines.Select(l => (JsonNode)l)]);
        File.WriteAllText(path, root.ToJsonString(Indented));
    }

    private static JsonObject Box(string name, RectF r, float scale) => new()
    {
        ["name"] = name,
        ["x"] = r.X * scale,
        ["y"] = r.Y * scale,
        ["width"] = r.Width * scale,
        ["height"] = r.Height * scale,
    };

    private static JsonArray Numbers(float[] values) => new([.. values.Select(v => (JsonNode)(float.IsFinite(v) ? v : null)!)]);
}
