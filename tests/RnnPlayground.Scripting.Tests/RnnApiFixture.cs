
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Experiment.Modules;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// A fresh project folder with every <c>rnn.*</c> module on a host (for <see cref="LuaHost.Evaluate"/>
/// and <see cref="HostFixture.Fails"/>), and scripted experiments loaded from scripts written
/// into the folder, their <c>print</c> collected in <see cref="Printed"/>.
/// </summary>
public abstract class RnnApiFixture : HostFixture
{
    private readonly List<ScriptedExperiment> _experiments = [];
    private StringWriter _printed = new();

    /// <summary>What the experiments' scripts printed, lines separated by '\n'.</summary>
    protected string Printed => _printed.ToString().ReplaceLineEndings("\n");

    /// <summary>The lines the experiments' scripts printed.</summary>
    protected string[] PrintedLines => Printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    protected ScriptSession Session { get; private set; } = null!;

    protected override void Configure(LuaHost host)
    {
        Session = new ScriptSession();
        HandleKind<Core.RandomSource> random = RandomModule.Register(host);
        HandleKind<ScriptDataset> data = DataModule.Register(host, random);
        StreamWorldModule.Register(host, data, random);
        (_, HandleKind<ScriptModel> model) = NnModule.Register(host);
        Seq2SeqFunction.Register(host);
        OptimModule.Register(host);
        ScheduleModule.Register(host, new ScriptSession());
        RnnModule.Register(host, Session, model);
        OverlayCanvas.Register(host, Session);
        var stage = new ScriptStage(Session);
        StageModule.Register(host, () => stage, () => throw new ScriptArgumentException("rnn.press works from an experiment's callbacks"));
        ParamsFunction.Register(host, new ScriptParameters(new Dictionary<string, string>()));
    }

    /// <summary>Starts each test as if scripts/x.lua were running, so relative reads start at scripts/ as in a script.</summary>
    [SetUp]
    public void StartInScriptsFolder()
    {
        _printed = new StringWriter();
        Host.LoadScriptSource("return {}", "scripts/x.lua").Dispose();
    }

    [TearDown]
    public void DisposeExperiments()
    {
        foreach (ScriptedExperiment e in _experiments) e.Dispose();
        _experiments.Clear();
    }

    /// <summary>Runs <paramref name="lua"/> on the module host and returns the handle's C# object it returns.</summary>
    protected T Make<T>(string lua) where T : class =>
        Host.Evaluate("return " + lua) as T ?? throw new AssertionException($"`{lua}` did not return a {typeof(T).Name}");

    /// <summary>Writes <paramref name="source"/> as <paramref name="path"/> and loads it as an experiment.</summary>
    protected ScriptedExperiment Load(string source, string path = "scripts/x.lua", ScriptLimits? limits = null)
    {
        Folder.WriteScript(path, source);
        ScriptedExperiment experiment = ScriptedExperiment.Load(Path.Combine(Folder.Root, path), Options(limits));
        _experiments.Add(experiment);
        return experiment;
    }

    /// <summary>Loading <paramref name="source"/> as an experiment must fail with <paramref name="kind"/>.</summary>
    protected ScriptException LoadFails(string source, ScriptErrorKind kind, string path = "scripts/x.lua")
    {
        Folder.WriteScript(path, source);
        var error = Assert.Throws<ScriptException>(() => ScriptedExperiment.Load(Path.Combine(Folder.Root, path), Options(null)).Dispose())!;
        Assert.That(error.Kind, Is.EqualTo(kind), error.ToString());
        return error;
    }

    protected ScriptedExperimentOptions Options(ScriptLimits? limits) => new()
    {
        WorkingDirectory = Folder.Root,
        ReadRoots = ["scripts/data"],
        OutputDirectory = Folder.OutputDirectory,
        Output = _printed,
        Limits = limits ?? ScriptLimits.Default,
    };

    /// <summary>Evaluates a Lua expression in the experiment's environment (e.g. a global the script set).</summary>
    protected static object? Global(ScriptedExperiment experiment, string expression) => experiment.Host.Evaluate("return " + expression);

    /// <summary>A small daily CSV under scripts/data: date, rain_mm, temp, and a sky label (sun, drizzle, storm).</summary>
    protected void WriteWeatherCsv(string name = "days.csv", int rows = 60)
    {
        var lines = new List<string> { "date,rain_mm,temp,sky" };
        for (int i = 0; i < rows; i++)
        {
            double rain = (i * 7 % 5) * 1.5;
            string sky = rain > 3 ? "storm" : rain > 0 ? "drizzle" : "sun";
            lines.Add(FormattableString.Invariant($"{new DateTime(2020, 1, 1).AddDays(i):yyyy-MM-dd},{rain},{10 + i % 9},{sky}"));
        }
        File.WriteAllLines(Path.Combine(Folder.Root, "scripts", "data", name), lines);
    }

    /// <summary>A short text under scripts/data for character models.</summary>
    protected void WriteText(string name = "poem.txt", int repeats = 20) =>
        File.WriteAllText(Path.Combine(Folder.Root, "scripts", "data", name),
            string.Concat(Enumerable.Repeat("the cat sat on the mat.\n", repeats)));
}
