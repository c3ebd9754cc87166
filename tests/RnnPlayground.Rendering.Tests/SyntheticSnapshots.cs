using RnnPlayground.Snapshots;

namespace RnnPlayground.Rendering.Tests;

/// <summary>Snapshots with known contents, built from formulas and a fixed seed.</summary>
internal static class SyntheticSnapshots
{
    public const int Steps = 6;
    public const int Units = 8;
    public const int Layers = 2;
    public const int InputSize = 5;
    public const int OutputSize = 3;
    public static readonly Snapshots.Gate[] LstmGates = [Snapshots.Gate.Input, Snapshots.Gate.Forget, Snapshots.Gate.Cell, Snapshots.Gate.Output];

    /// <summary>Hidden value of (layer, step, unit): spans −0.95..0.95 across the grid.</summary>
    public static float Hidden(int layer, int step, int unit) => 0.95f * MathF.Sin((0.9f * step) + (0.7f * unit) + (1.3f * layer));

    /// <summary>Gate value: sigmoid gates in 0..1, the candidate g in −1..1.</summary>
    public static float Gate(int layer, int step, int gate, int unit)
    {
        var s = MathF.Sin((0.5f * step) + (0.3f * unit) + gate + layer);
        return LstmGates[gate].IsCandidate() ? s : 0.5f + (0.5f * s);
    }

    public static float Input(int step, int index) => 1.5f * MathF.Cos((0.8f * step) + index);

    public static NetworkSnapshot Lstm(bool clipped = false, float[]? gradientNorms = null, int steps = Steps)
    {
        var random = new Random(7);
        var g = LstmGates.Length;
        float[] Weights(int rows, int cols) => [.. Enumerable.Range(0, rows * cols).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        return new NetworkSnapshot(
            CellType.Lstm,
            steps,
            InputSize,
            [Units, Units],
            OutputSize,
            LstmGates,
            [.. Enumerable.Range(0, steps * InputSize).Select(k => Input(k / InputSize, k % InputSize))],
            [.. Enumerable.Range(0, Layers).Select(l => Enumerable.Range(0, steps * Units).Select(k => Hidden(l, k / Units, k % Units)).ToArray())],
            [.. Enumerable.Range(0, Layers).Select(l => Enumerable.Range(0, steps * g * Units).Select(k => Gate(l, k / (g * Units), k / Units % g, k % Units)).ToArray())],
            [.. Enumerable.Range(0, steps * OutputSize).Select(k => k / OutputSize == 0 ? float.NaN : MathF.Sin(k))],
            [Weights(g * Units, InputSize), Weights(g * Units, Units)],
            [Weights(g * Units, Units), Weights(g * Units, Units)],
            gradientNorms ?? [.. Enumerable.Range(0, steps).Select(t => MathF.Pow(10f, -6f + t))],
            clipped);
    }

    public const int Hours = 96;

    public static float Temperature(int i) => 12f + (6f * MathF.Sin(2 * MathF.PI * (i - 9) / 24f));

    public static WeatherStreamSnapshot Weather()
    {
        var random = new Random(11);
        float Noise(float scale) => (float)((random.NextDouble() - 0.5) * 2 * scale);
        var hours = Enumerable.Range(0, Hours).Select(i => 240.0 + i).ToArray();
        var temperature = Enumerable.Range(0, Hours).Select(Temperature).ToArray();
        var pressure = Enumerable.Range(0, Hours).Select(i => 1012f - (8f * MathF.Sin(i / 30f)) + Noise(0.4f)).ToArray();
        var humidity = Enumerable.Range(0, Hours).Select(i => 70f + (20f * MathF.Sin((i / 11f) + 1f)) + Noise(2f)).ToArray();
        var wind = Enumerable.Range(0, Hours).Select(i => MathF.Max(0f, 4f + (3f * MathF.Sin(i / 7f)) + Noise(1f))).ToArray();
        var actual = Enumerable.Range(0, Hours).Select(i => i < Hours - 1 ? Temperature(i + 1) : float.NaN).ToArray();
        var predicted = Enumerable.Range(0, Hours).Select(i => Temperature(i + 1) + Noise(0.8f)).ToArray();
        var persistence = temperature.ToArray();
        var rain = Enumerable.Range(0, Hours).Select(i => i is > 30 and < 42 or > 70 and < 76 ? 1f : 0f).ToArray();
        var rainProbability = Enumerable.Range(0, Hours).Select(i => Math.Clamp((rain[Math.Min(Hours - 1, i + 2)] * 0.7f) + 0.1f + Noise(0.1f), 0f, 1f)).ToArray();
        var rainPersistence = Enumerable.Range(0, Hours).Select(i => i == 0 ? 0f : rain[i - 1]).ToArray();
        return new WeatherStreamSnapshot(
            hours,
            [
                new SeriesSnapshot("temperature", "°C", temperature),
                new SeriesSnapshot("pressure", "hPa", pressure),
                new SeriesSnapshot("humidity", "%", humidity),
                new SeriesSnapshot("wind", "m/s", wind),
            ],
            [
                new PredictionTrack("temperature in 1 h", false, predicted, actual, persistence, 0.41, 0.93, "MAE"),
                new PredictionTrack("rain in the next 3 h", true, rainProbability, rain, rainPersistence, 0.071, 0.094, "Brier"),
            ],
            1234);
    }

    public static readonly string[] Classes = ["dry", "drizzle", "rain"];

    public static readonly int[] Confusion = [50, 8, 2, 6, 30, 4, 1, 5, 24];

    public static TrainingSnapshot Training()
    {
        var random = new Random(3);
        var loss = Enumerable.Range(0, 600).Select(i => (float)((2.0 * Math.Exp(-i / 120.0)) + 0.08 + (random.NextDouble() * 0.05))).ToArray();
        var validation = Enumerable.Range(0, 12).Select(i => (float)((2.0 * Math.Exp(-i * 50 / 120.0)) + 0.12)).ToArray();
        var lr = Enumerable.Range(0, 600).Select(i => (float)(1e-3 * 0.5 * (1 + Math.Cos(Math.PI * i / 600.0)))).ToArray();
        var grad = Enumerable.Range(0, 600).Select(i => (float)(0.3 + (random.NextDouble() * 0.4) + (i % 97 == 5 ? 3.0 : 0.0))).ToArray();
        return new TrainingSnapshot(
            loss,
            validation,
            lr,
            grad,
            Classes,
            Confusion,
            new Dictionary<string, double> { ["accuracy"] = 0.831, ["mae_temperature"] = 0.41 },
            ClipThreshold: 1f);
    }

    public static Snapshot Full(string scriptName = "weather_lstm.lua", bool paused = false, ViewSettings? view = null, IReadOnlyList<OverlayItem>? overlay = null, NetworkSnapshot? network = null) => new(
        Sequence: 42,
        ScriptName: scriptName,
        Step: 12345,
        Epoch: 3,
        Loss: 0.1234,
        LearningRate: 3e-4,
        GradientNorm: 0.52,
        StepsPerSecond: 187.5,
        Paused: paused,
        TicksPerSecond: 24,
        Network: network ?? Lstm(clipped: true),
        Weather: Weather(),
        Training: Training(),
        Message: paused ? "paused by the user" : null,
        View: view,
        Overlay: overlay);
}
