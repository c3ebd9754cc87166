using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>
/// A Lua test file (<c>*_test.lua</c>) loaded in a fresh, sandboxed Lua state of its own: running the
/// file defines its cases (<c>test('name', function() … end)</c>); <see cref="Run"/> calls one of them.
/// The file may read its own folder, the folder above it (where the scripts it tests live) and
/// scripts/data, and write only under the case's output folder. Owns its Lua state: load, run and
/// dispose it on one thread; a fresh file per case keeps cases from sharing anything.
/// </summary>
public sealed class TestFile : IDisposable
{
    private const string ExpectResource = "RnnPlayground.Scripting.expect.lua";
    private static readonly Lazy<string> ExpectSource = new(ReadExpectSource);

    private readonly LuaHost _host;
    private readonly TestModule.Session _session = new();

    private TestFile(string path, TestFileOptions options)
    {
        string fullPath = Path.GetFullPath(path, options.WorkingDirectory);
        string above = Path.GetDirectoryName(Path.GetDirectoryName(fullPath)!) ?? Path.GetDirectoryName(fullPath)!;
        _host = new LuaHost(new LuaHostOptions
        {
            WorkingDirectory = options.WorkingDirectory,
            ReadRoots = ["scripts/data", above],
            OutputDirectory = options.OutputDirectory,
            Output = options.Output,
            Limits = options.Limits,
            Hints = ExperimentHints.Rnn,
        });
        try
        {
            TestModule.Register(_host, _session, options);
            _host.Evaluate(ExpectSource.Value, "[expect]");
            _host.RunFile(path);
            ScriptPath = _host.ScriptPath ?? path;
        }
        catch
        {
            _host.Dispose();
            throw;
        }
    }

    /// <summary>Loads the test file at <paramref name="path"/> and runs it, which defines its cases.</summary>
    /// <exception cref="ScriptException">The file does not compile or raises an error.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static TestFile Load(string path, TestFileOptions? options = null) => new(path, options ?? new TestFileOptions());

    /// <summary>The file as named in messages (e.g. scripts/tests/weather_test.lua).</summary>
    public string ScriptPath { get; }

    /// <summary>The cases the file defines, in order.</summary>
    public IReadOnlyList<TestCase> Cases => [.. _session.Cases.Select(c => c.Case)];

    /// <summary>Runs the case named <paramref name="name"/> and says how it went; its error (a failed expectation) is in the outcome.</summary>
    /// <exception cref="ArgumentException">The file defines no such case.</exception>
    public TestOutcome Run(string name)
    {
        int index = _session.Cases.FindIndex(c => c.Case.Name == name);
        if (index < 0) throw new ArgumentException($"{ScriptPath} defines no case '{name}'", nameof(name));
        _session.Runs.Clear();
        _session.RunSeconds = 0;
        ScriptCallResult result = _host.TryCall(_session.Cases[index].Function);
        return new TestOutcome(result.Error, [.. _session.Runs], _session.RunSeconds);
    }

    public void Dispose()
    {
        foreach ((_, ScriptFunctionReference f) in _session.Cases) f.Dispose();
        _host.Dispose();
    }

    private static string ReadExpectSource()
    {
        using Stream stream = typeof(TestFile).Assembly.GetManifestResourceStream(ExpectResource)
            ?? throw new InvalidOperationException($"the resource {ExpectResource} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
