using System.Text.Json;

namespace RnnPlayground.Core.Tests;

/// <summary>A tensor from a reference fixture: float64 values and a shape.</summary>
internal sealed record RefTensor(int[] Shape, double[] Data)
{
    public float[] ToFloat() => Array.ConvertAll(Data, v => (float)v);

    public int[] ToInt() => Array.ConvertAll(Data, v => (int)v);
}

/// <summary>Reads the libtorch float64 reference fixtures copied into Reference/.</summary>
internal sealed class ReferenceFixture
{
    private readonly JsonElement _root;

    private ReferenceFixture(string name, JsonElement root)
    {
        Name = name;
        _root = root;
    }

    public string Name { get; }

    private static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Reference");

    /// <summary>
    /// The names of every fixture in Reference/ (each <c>*.json</c> there) whose <c>kind</c> is
    /// <paramref name="kind"/> ("recurrent" or "training"), sorted; a new fixture is found without being listed.
    /// </summary>
    public static IReadOnlyList<string> All(string kind) =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => Load(name).Root.GetProperty("kind").GetString() == kind)
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static ReferenceFixture Load(string name)
    {
        string path = Path.Combine(Directory, name + ".json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement.Clone();
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("rnn-reference/1"));
        return new ReferenceFixture(name, root);
    }

    public JsonElement Root => _root;

    public int Int(string key) => _root.GetProperty(key).GetInt32();

    public double Number(string key) => _root.GetProperty(key).GetDouble();

    public bool Has(string key) => _root.TryGetProperty(key, out _);

    public RefTensor Tensor(string key) => ParseTensor(_root.GetProperty(key));

    /// <summary>A name → tensor group such as <c>params</c> or <c>grads</c> (optionally nested, e.g. "with_c_n_term/grads").</summary>
    public Dictionary<string, RefTensor> Group(string path)
    {
        JsonElement e = _root;
        foreach (string part in path.Split('/')) e = e.GetProperty(part);
        var result = new Dictionary<string, RefTensor>();
        foreach (JsonProperty p in e.EnumerateObject()) result[p.Name] = ParseTensor(p.Value);
        return result;
    }

    public JsonElement Element(string path)
    {
        JsonElement e = _root;
        foreach (string part in path.Split('/')) e = e.GetProperty(part);
        return e;
    }

    public static RefTensor ParseTensor(JsonElement e)
    {
        int[] shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        double[] data = e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return new RefTensor(shape, data);
    }
}

/// <summary>Comparison within the reference tolerance: 1e-4 relative with a 1e-5 absolute floor.</summary>
internal static class Close
{
    public const double Relative = 1e-4;
    public const double Absolute = 1e-5;

    public static void Assert(ReadOnlySpan<float> actual, double[] expected, string what, double relative = Relative, double absolute = Absolute)
    {
        NUnit.Framework.Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{what}: length");
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(actual[i] - expected[i]);
            double tol = Math.Max(relative * Math.Abs(expected[i]), absolute);
            if (!(diff <= tol))
                NUnit.Framework.Assert.Fail($"{what}[{i}]: got {actual[i]:R}, expected {expected[i]:R} (diff {diff:E2} > tol {tol:E2})");
        }
    }

    public static void Assert(double actual, double expected, string what, double relative = Relative, double absolute = Absolute)
    {
        double diff = Math.Abs(actual - expected);
        double tol = Math.Max(relative * Math.Abs(expected), absolute);
        if (!(diff <= tol)) NUnit.Framework.Assert.Fail($"{what}: got {actual:R}, expected {expected:R} (diff {diff:E2} > tol {tol:E2})");
    }
}
