using RnnPlayground.Core.Data;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// Names the rows of a <see cref="NetworkSnapshot"/> from its dataset and decodes its outputs:
/// input units by feature (with their raw values in units for windowed series), the characters a
/// text model reads, output units by class or value, class probabilities (softmax of the class
/// logits) and values back in their units. The names are worked out once, per experiment.
/// </summary>
public sealed class NetworkReadout
{
    private readonly string[] _inputNames, _inputUnits, _outputNames, _outputUnits;
    private readonly int _classes;
    private readonly WindowedDataset? _windows;
    private readonly CharVocabulary? _vocabulary;

    public NetworkReadout(ISequenceDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TaskShape shape = data.Shape;
        _windows = data as WindowedDataset;
        _vocabulary = (data as CharSequenceDataset)?.Vocabulary;
        _classes = shape.NumClasses;
        Func<string, string> unitOf = _windows is null ? _ => "" : _windows.Series.UnitOf;
        _inputNames = shape.TokenInput ? [] : [.. shape.FeatureNames];
        _inputUnits = [.. _inputNames.Select(unitOf)];
        _outputNames = [.. shape.ClassNames.Select(Printable), .. shape.ValueNames];
        _outputUnits = [.. shape.ClassNames.Select(_ => "%"), .. shape.ValueNames.Select(unitOf)];
    }

    /// <summary>
    /// <paramref name="network"/> with its <see cref="NetworkSnapshot.Labels"/>; <paramref name="tokens"/>
    /// are the ids it read per step (text models). Null stays null; a snapshot whose widths do not
    /// match the dataset's is returned unlabelled.
    /// </summary>
    public NetworkSnapshot? Label(NetworkSnapshot? network, ReadOnlySpan<int> tokens = default)
    {
        if (network is null) return null;
        int steps = network.Steps, outputs = network.OutputSize, inputs = network.InputSize;
        bool namedInputs = _inputNames.Length == inputs;
        if (outputs != _outputNames.Length || (!namedInputs && _inputNames.Length > 0)) return network;

        var decoded = new float[steps * outputs];
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> o = network.Outputs.AsSpan(t * outputs, outputs);
            Span<float> d = decoded.AsSpan(t * outputs, outputs);
            if (outputs > 0 && float.IsNaN(o[0])) { d.Fill(float.NaN); continue; }
            Softmax(o[.._classes], d[.._classes]);
            for (int v = _classes; v < outputs; v++) d[v] = _windows?.DenormalizeValue(v - _classes, o[v]) ?? o[v];
        }

        float[] raw = [];
        if (_windows is not null && namedInputs)
        {
            raw = new float[steps * inputs];
            for (int i = 0; i < raw.Length; i++) raw[i] = _windows.FeatureNormalizer.Denormalize(i % inputs, network.Inputs[i]);
        }

        string[] stepTokens = [];
        if (_vocabulary is not null && tokens.Length >= steps)
        {
            stepTokens = new string[steps];
            for (int t = 0; t < steps; t++) stepTokens[t] = Printable(_vocabulary.CharOf(tokens[t]).ToString());
        }
        return network with { Labels = new NetworkLabels(_inputNames, _inputUnits, raw, stepTokens, _outputNames, _outputUnits, _classes, decoded) };
    }

    /// <summary>A character as a label can show it: "␣" for a space, "↵" for a line break.</summary>
    public static string Printable(string name) => name switch
    {
        " " => "␣",
        "\n" => "↵",
        "\t" => "⇥",
        "\r" => "↵",
        _ => name,
    };

    private static void Softmax(ReadOnlySpan<float> logits, Span<float> p)
    {
        if (logits.IsEmpty) return;
        float max = float.NegativeInfinity;
        foreach (float x in logits) max = MathF.Max(max, x);
        float sum = 0;
        for (int k = 0; k < logits.Length; k++) sum += p[k] = MathF.Exp(logits[k] - max);
        for (int k = 0; k < logits.Length; k++) p[k] /= sum;
    }
}
