using System.Text.RegularExpressions;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// scripts/rnn.d.lua, the LuaLS description of the API, against the bindings: every function and
/// method exists in both, every option a binding reads is a documented field and every documented
/// field is read, and the file itself is refused as an experiment.
/// </summary>
public partial class AnnotationTests : RnnApiFixture
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(FindAnnotations()));
    private static readonly Lazy<Dictionary<string, LuaClass>> Classes = new(() => ParseClasses(Source.Value));

    private sealed record LuaClass(string? Parent, List<string> Fields);

    private static string FindAnnotations()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scripts", "rnn.d.lua");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("scripts/rnn.d.lua not found above " + TestContext.CurrentContext.TestDirectory);
    }

    private static Dictionary<string, LuaClass> ParseClasses(string source)
    {
        var classes = new Dictionary<string, LuaClass>(StringComparer.Ordinal);
        LuaClass? current = null;
        foreach (string line in source.Split('\n'))
        {
            Match c = ClassLine().Match(line);
            if (c.Success)
            {
                current = new LuaClass(c.Groups[2].Success ? c.Groups[2].Value : null, []);
                classes.Add(c.Groups[1].Value, current);
                continue;
            }
            Match f = FieldLine().Match(line);
            if (f.Success && current is not null) current.Fields.Add(f.Groups[1].Value);
            else if (!line.StartsWith("---", StringComparison.Ordinal)) current = null;
        }
        return classes;
    }

    /// <summary>The named fields of a documented class, its parents' included.</summary>
    private static SortedSet<string> FieldsOf(string className)
    {
        Assert.That(Classes.Value, Does.ContainKey(className), $"rnn.d.lua declares no class {className}");
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        for (LuaClass? c = Classes.Value[className]; c is not null; c = c.Parent is null ? null : Classes.Value.GetValueOrDefault(c.Parent))
            fields.UnionWith(c.Fields);
        return fields;
    }

    /// <summary>The class of the <c>options</c> parameter of <paramref name="function"/> as rnn.d.lua documents it.</summary>
    private static string OptionsClassOf(string function)
    {
        int at = Source.Value.IndexOf($"\nfunction {function}(", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), $"rnn.d.lua does not declare {function}");
        Match m = OptionsParam().Matches(Source.Value[..at]).Last();
        return m.Groups[1].Value;
    }

    /// <summary>The known fields a binding lists when it refuses an unknown one.</summary>
    /// <param name="prefix">Where the refused field 'zzz' sits (e.g. "loss." for the experiment's loss table).</param>
    private static SortedSet<string> KnownFields(string message, string prefix = "")
    {
        Assert.That(message, Does.Contain($"unknown field '{prefix}zzz'"));
        Match m = KnownList().Match(message);
        Assert.That(m.Success, Is.True, message);
        return new SortedSet<string>(m.Groups[1].Value.Split(", ").Where(f => f != "none"), StringComparer.Ordinal);
    }

    private string RefusalOf(string lua) => Assert.Throws<ScriptException>(() => Host.Evaluate(lua))!.Message;

    [Test]
    public void EveryRnnFunctionIsDeclared()
    {
        string names = (string)Host.Evaluate(
            "local names = {}\n" +
            "local function walk(t, prefix)\n" +
            "  for k, v in pairs(t) do\n" +
            "    if type(v) == 'function' then names[#names + 1] = prefix .. '.' .. k elseif type(v) == 'table' then walk(v, prefix .. '.' .. k) end\n" +
            "  end\n" +
            "end\n" +
            "walk(rnn, 'rnn') table.sort(names) return table.concat(names, ' ')")!;
        string[] functions = names.Split(' ');
        Assert.That(functions, Has.Length.GreaterThan(25));
        foreach (string f in functions)
            Assert.That(Source.Value, Does.Contain($"\nfunction {f}("), $"{f} is not declared in rnn.d.lua");
        foreach (Match declared in DeclaredFunction().Matches(Source.Value))
            Assert.That(functions, Does.Contain(declared.Groups[1].Value), $"rnn.d.lua declares {declared.Groups[1].Value}, which does not exist");
    }

    [TestCase("rnn.data.weather", "rnn.data.weather{ days = 60, zzz = 1 }")]
    [TestCase("rnn.data.csv", "rnn.data.csv{ path = 'data/days.csv', features = { 'temp' }, target = 'sky', zzz = 1 }")]
    [TestCase("rnn.data.text", "rnn.data.text{ path = 'data/poem.txt', zzz = 1 }")]
    [TestCase("rnn.world", "rnn.world{ series = { 'x' }, history = 100, seq = 4, observe = function() return { x = 1 } end, zzz = 1 }")]
    [TestCase("rnn.data.sine", "rnn.data.sine{ zzz = 1 }")]
    [TestCase("rnn.data.adding", "rnn.data.adding{ zzz = 1 }")]
    [TestCase("rnn.data.copy", "rnn.data.copy{ zzz = 1 }")]
    [TestCase("rnn.data.sequences", "rnn.data.sequences{ inputs = { {1}, {2}, {3}, {4} }, targets = { 1, 2, 3, 4 }, split = { 0.5, 0.25 }, zzz = 1 }")]
    [TestCase("rnn.data.labelled", "rnn.data.labelled{ path = 'data/poem.txt', zzz = 1 }")]
    [TestCase("rnn.data.generate", "rnn.data.generate{ train = 2, validation = 1, test = 1, sample = function() return { 1 }, 1 end, zzz = 1 }")]
    [TestCase("rnn.nn.embedding", "rnn.nn.embedding{ dim = 2, zzz = 1 }")]
    [TestCase("rnn.nn.lstm", "rnn.nn.lstm{ hidden = 2, zzz = 1 }")]
    [TestCase("rnn.nn.gru", "rnn.nn.gru{ hidden = 2, zzz = 1 }")]
    [TestCase("rnn.nn.rnn", "rnn.nn.rnn{ hidden = 2, zzz = 1 }")]
    [TestCase("rnn.nn.linear", "rnn.nn.linear{ zzz = 1 }")]
    [TestCase("rnn.nn.dropout", "rnn.nn.dropout{ p = 0.1, zzz = 1 }")]
    [TestCase("rnn.nn.sequential", "rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, zzz = 1 }")]
    [TestCase("rnn.nn.seq2seq", "rnn.nn.seq2seq{ encoder = { hidden = 2 }, zzz = 1 }")]
    [TestCase("rnn.optim.sgd", "rnn.optim.sgd{ zzz = 1 }")]
    [TestCase("rnn.optim.adam", "rnn.optim.adam{ zzz = 1 }")]
    [TestCase("rnn.optim.adamw", "rnn.optim.adamw{ zzz = 1 }")]
    [TestCase("rnn.optim.rmsprop", "rnn.optim.rmsprop{ zzz = 1 }")]
    [TestCase("rnn.schedule.constant", "rnn.schedule.constant{ zzz = 1 }")]
    [TestCase("rnn.schedule.step", "rnn.schedule.step{ zzz = 1 }")]
    [TestCase("rnn.schedule.exponential", "rnn.schedule.exponential{ zzz = 1 }")]
    [TestCase("rnn.schedule.cosine", "rnn.schedule.cosine{ zzz = 1 }")]
    [TestCase("rnn.schedule.plateau", "rnn.schedule.plateau{ zzz = 1 }")]
    [TestCase("rnn.schedule.one_cycle", "rnn.schedule.one_cycle{ zzz = 1 }")]
    [TestCase("rnn.schedule.linear", "rnn.schedule.linear{ zzz = 1 }")]
    [TestCase("rnn.schedule.custom", "rnn.schedule.custom{ lr = function() return 1 end, zzz = 1 }")]
    [TestCase("rnn.view", "rnn.view{ zzz = 1 }")]
    public void TheOptionsOfAFunctionAreExactlyTheDocumentedFields(string function, string call)
    {
        WriteWeatherCsv();
        WriteText();
        SortedSet<string> known = KnownFields(RefusalOf("local x = " + call));
        Assert.That(known, Is.Not.Empty);
        Assert.That(FieldsOf(OptionsClassOf(function)), Is.EquivalentTo(known), $"{function}: rnn.d.lua's {OptionsClassOf(function)} vs the binding");
    }

    [TestCase("rnn.Climate", "rnn.data.weather{ days = 60, climate = { zzz = 1 } }", "climate.")]
    [TestCase("rnn.EncoderOptions", "rnn.nn.seq2seq{ encoder = { hidden = 2, zzz = 1 } }", "encoder.")]
    [TestCase("rnn.DecoderOptions", "rnn.nn.seq2seq{ encoder = { hidden = 2 }, decoder = { zzz = 1 } }", "decoder.")]
    public void NestedOptionsAreTheDocumentedFields(string className, string call, string prefix)
    {
        Assert.That(FieldsOf(className), Is.EquivalentTo(KnownFields(RefusalOf("local x = " + call), prefix)));
    }

    [TestCase("rnn.Dataset", "rnn.data.sine{}")]
    [TestCase("rnn.Random", "nil rnn.data.generate{ train = 1, validation = 1, test = 1, sample = function(rng) h = rng return { 1 }, 1 end } local h = h")]
    [TestCase("rnn.Model", "rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 } }")]
    [TestCase("rnn.Pairs", "rnn.data.task{ name = 'copy', train = 2, validation = 1, test = 1 }")]
    [TestCase("rnn.Seq2Seq", "rnn.nn.seq2seq{ encoder = { hidden = 2 } }")]
    public void EveryMethodOfAHandleIsDeclared(string className, string handle)
    {
        string message = RefusalOf($"local h = {handle} return h.zzz");
        Match m = Regex.Match(message, @"has no field 'zzz' \(known: ([^)]*)\)");
        Assert.That(m.Success, Is.True, message);
        string local = className["rnn.".Length..];
        string[] methods = m.Groups[1].Value.Split(", ");
        foreach (string method in methods)
            Assert.That(Source.Value, Does.Contain($"\nfunction {local}:{method}("), $"{className}:{method} is not declared");
        Assert.That(Regex.Matches(Source.Value, $@"\nfunction {local}:(\w+)\(").Select(d => d.Groups[1].Value), Is.EquivalentTo(methods));
    }

    [Test]
    public void TheRandomSourcesMethodsAreDeclared()
    {
        string message = RefusalOf("local w = rnn.world{ series = { 'x' }, history = 100, seq = 4, observe = function(t, rng) return rng.zzz end }");
        Match m = Regex.Match(message, @"has no field 'zzz' \(known: ([^)]*)\)");
        Assert.That(m.Success, Is.True, message);
        Assert.That(Regex.Matches(Source.Value, @"\nfunction Random:(\w+)\(").Select(d => d.Groups[1].Value), Is.EquivalentTo(m.Groups[1].Value.Split(", ")));
    }

    [TestCase("rnn.Experiment", "zzz = 1", "")]
    [TestCase("rnn.LossOptions", "loss = { zzz = 1 }", "loss.")]
    [TestCase("rnn.SelectOptions", "select = { zzz = 1 }", "select.")]
    [TestCase("rnn.LiveOptions", "live = { zzz = 1 }", "live.")]
    [TestCase("rnn.ViewOptions", "view = { zzz = 1 }", "view.")]
    [TestCase("rnn.Variant", "compare = { { name = 'a', zzz = 1 } }", "compare[1].")]
    public void TheExperimentTableHasTheDocumentedFields(string className, string field, string prefix)
    {
        var error = LoadFails("return { data = rnn.data.sine{}, model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 2 }, rnn.nn.linear{} }, " + field + " }",
            ScriptErrorKind.Argument);
        Assert.That(FieldsOf(className), Is.EquivalentTo(KnownFields(error.Message, prefix)));
    }

    [Test]
    public void CallbacksSeeTheDocumentedContextFieldsAndStylesAreDocumented()
    {
        WriteText();
        ScriptedExperiment experiment = Load(
            "local function scores(key) return key:match('^val_') or key:match('^test_') or key:match('^baseline_') end\n" +
            "local function keys(t) local k = {} for key in pairs(t) do if not scores(key) then k[#k + 1] = key end end table.sort(k) return table.concat(k, ' ') end\n" +
            "local function refusal(f, ...) return select(2, pcall(f, ...)) end\n" +
            "return {\n" +
            "  data = rnn.data.text{ path = 'data/poem.txt', seq = 8 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.embedding{ dim = 2 }, rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{} },\n" +
            "  steps = 2,\n" +
            "  on_finish = function(ctx)\n" +
            "    print(keys(ctx))\n" +
            "    print(refusal(ctx.model.sample, ctx.model, { zzz = 1 }))\n" +
            "  end,\n" +
            "  on_draw = function(ctx)\n" +
            "    print(keys(ctx))\n" +
            "    print(refusal(ctx.canvas.line, ctx.canvas, 0, 0, 1, 1, { zzz = 1 }))\n" +
            "    print(refusal(ctx.canvas.rect, ctx.canvas, 0, 0, 1, 1, { zzz = 1 }))\n" +
            "    print(refusal(ctx.canvas.text, ctx.canvas, 0, 0, 'x', { zzz = 1 }))\n" +
            "  end,\n}\n");
        experiment.CreateRun().Run();
        var live = experiment.CreateLive(experiment.CreateRun());
        live.Advance();
        live.BuildSnapshot(new Core.Simulation.LiveStatus(1, false, 48, 0));
        string[] lines = PrintedLines;

        SortedSet<string> context = FieldsOf("rnn.Context");
        context.UnionWith(Regex.Matches(Source.Value, @"\nfunction Context\.(\w+)\(").Select(m => m.Groups[1].Value));
        Assert.That(lines[0].Split(' '), Is.SubsetOf(context), "on_finish's ctx");
        Assert.That(context, Is.SubsetOf(lines[0].Split(' ').Concat(["val_loss", "val_accuracy", "val_mae", "val_rmse", "test_loss", "test_accuracy", "test_mae", "test_rmse"])));
        Assert.That(KnownFields(lines[1]), Is.EquivalentTo(FieldsOf("rnn.SampleOptions")));

        SortedSet<string> draw = FieldsOf("rnn.DrawContext");
        draw.UnionWith(context);
        Assert.That(lines[2].Split(' '), Is.SubsetOf(draw), "on_draw's ctx");
        Assert.That(lines[2].Split(' '), Does.Contain("canvas"));
        Assert.That(KnownFields(lines[3]), Is.EquivalentTo(FieldsOf("rnn.LineStyle")));
        Assert.That(KnownFields(lines[4]), Is.EquivalentTo(FieldsOf("rnn.RectStyle")));
        Assert.That(KnownFields(lines[5]), Is.EquivalentTo(FieldsOf("rnn.TextStyle")));
    }

    [Test]
    public void OnDaySeesTheDocumentedContextAndTheWorldsMethodsAreDeclared()
    {
        ScriptedExperiment experiment = Load("return {\n" +
            "  data = rnn.data.weather{ days = 150, seq = 4 },\n" +
            "  model = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 3 }, rnn.nn.linear{} },\n" +
            "  on_day = function(ctx)\n" +
            "    local k = {} for key in pairs(ctx) do k[#k + 1] = key end table.sort(k) print(table.concat(k, ' '))\n" +
            "    print(select(2, pcall(function() return ctx.world.zzz end)))\n" +
            "  end,\n}\n");
        Core.Simulation.ILiveExperiment live = experiment.CreateLive(experiment.CreateRun());
        for (int i = 0; i < 24; i++) live.Advance();
        string[] lines = PrintedLines;
        SortedSet<string> day = FieldsOf("rnn.DayContext");
        day.UnionWith(Regex.Matches(Source.Value, @"\nfunction Context\.(\w+)\(").Select(m => m.Groups[1].Value));
        string[] seen = lines[0].Split(' ');
        Assert.That(seen.Where(k => !k.EndsWith("_365d", StringComparison.Ordinal)), Is.SubsetOf(day), "on_day's ctx");
        Assert.That(day.Where(f => f.EndsWith("_30d", StringComparison.Ordinal) || f is "world" or "day" or "year" or "hour"), Is.SubsetOf(seen));
        Match m = Regex.Match(lines[1], @"has no field 'zzz' \(known: ([^)]*)\)");
        Assert.That(m.Success, Is.True, lines[1]);
        Assert.That(Regex.Matches(Source.Value, @"\nfunction World:(\w+)\(").Select(d => d.Groups[1].Value), Is.EquivalentTo(m.Groups[1].Value.Split(", ")));
    }

    [Test]
    public void TheFileIsRefusedAsAnExperiment()
    {
        string path = Folder.WriteScript("scripts/rnn.d.lua", Source.Value);
        var error = Assert.Throws<ScriptException>(() => ScriptedExperiment.Load(Path.Combine(Folder.Root, path), Options(null)))!;
        Assert.That(error.Message, Does.StartWith("scripts/rnn.d.lua:").And.Contain("describes the rnn.* API for editors (LuaLS); it is not an experiment"));
        Assert.That(Source.Value, Does.StartWith("---@meta"));
    }

    [GeneratedRegex(@"^---@class ([\w.]+)(?:: ([\w.]+))?")]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"^---@field (\w+)\??\s")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"---@param options\?? ([\w.]+)")]
    private static partial Regex OptionsParam();

    [GeneratedRegex(@"known fields: ([^)]*)\)")]
    private static partial Regex KnownList();

    [GeneratedRegex(@"\nfunction (rnn\.[\w.]+)\(")]
    private static partial Regex DeclaredFunction();
}
