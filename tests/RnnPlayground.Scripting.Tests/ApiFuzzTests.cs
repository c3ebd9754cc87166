using System.Text;
using System.Text.RegularExpressions;
using RnnPlayground.Core;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// Every <c>rnn.*</c> function and handle method, fed random arguments (wrong types, NaN and
/// infinities, huge and negative numbers, missing and unknown fields) with a fixed seed: each
/// call either works or fails with one line naming the script and line, never .NET's words, and
/// the host stays usable.
/// </summary>
public partial class ApiFuzzTests : RnnApiFixture
{
    private const int Cases = 1000;
    private const string Script = "scripts/fuzz.lua";

    private static readonly string[] Forbidden =
    [
        "Exception", "Parameter '", "System.", "Object reference", "Actual value", "Non-negative number", "Arithmetic operation",
        "Index was outside", "Specified argument", "[host]", "   at ", "dimension -", "Nullable", "Value cannot be null",
    ];

    private static readonly string[] Fields =
    [
        "hidden", "input", "layers", "dropout", "bidirectional", "bias", "name", "forget_bias", "nonlinearity", "dim", "vocab",
        "output", "p", "head", "seq", "train", "validation", "test", "seed", "days", "horizon", "labels", "class", "values",
        "features", "split", "climate", "path", "target", "date", "stride", "missing", "classes", "groups", "components",
        "every_step", "noise", "symbols", "length", "delay", "lr", "momentum", "dampening", "nesterov", "weight_decay", "beta1",
        "beta2", "eps", "alpha", "centered", "warmup", "gamma", "every", "steps", "min_lr", "factor", "patience", "threshold",
        "cooldown", "mode", "panel", "max_units", "max_steps", "max_connections", "gates", "series", "negative", "positive",
        "prime", "temperature", "no_such_field", "hours_per_day", "days_per_year", "mean_temperature", "storminess",
    ];

    private static readonly string[] Values =
    [
        "nil", "true", "false", "0", "1", "2", "3", "4", "25", "26", "59", "241", "10001", "-1", "-7", "0.5", "1.5", "1e9", "2^31", "2^31 - 1", "2^53", "-2^63", "1e308",
        "0/0", "1/0", "-1/0", "math.mininteger", "math.maxinteger", "''", "'x'", "'rain'", "'last'", "'every'", "'#ff0000'",
        "'../../../etc/passwd'", "'/tmp/pwned'", "'data/days.csv'", "'data/poem.txt'", "'temp'", "'a\\0b'", "string.rep('z', 5000)",
        "{}", "{ 1, 2 }", "{ 0.7, 0.15, 0.15 }", "{ 'temp', 'rain_mm' }", "{ 0/0 }", "{ 1/0, 2 }", "{ hours_per_day = 2 }",
        "{ hours_per_day = 1e9, days_per_year = -1 }", "{ x = { y = {} } }", "function() end", "rnn.nn.lstm{ hidden = 4 }",
        "rnn.nn.linear{}", "rnn.data.sine{ seq = 3, train = 4, validation = 2, test = 2 }", "coroutine.create(function() end)",
    ];

    /// <summary>Options that work, for the functions that need some: the cases change a few of them, to reach the deeper checks.</summary>
    private static readonly Dictionary<string, string> Working = new(StringComparer.Ordinal)
    {
        ["rnn.nn.lstm"] = "hidden = 4", ["rnn.nn.gru"] = "hidden = 4", ["rnn.nn.rnn"] = "hidden = 4", ["rnn.nn.embedding"] = "dim = 3",
        ["rnn.nn.dropout"] = "p = 0.1", ["rnn.nn.linear"] = "output = 2", ["rnn.nn.sequential"] = "rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{}",
        ["rnn.data.weather"] = "days = 60, seq = 3", ["rnn.data.sine"] = "seq = 3, train = 4, validation = 2, test = 2",
        ["rnn.data.adding"] = "seq = 3, train = 4, validation = 2, test = 2", ["rnn.data.copy"] = "length = 2, delay = 1, train = 4, validation = 2, test = 2",
        ["rnn.data.text"] = "path = 'data/poem.txt', seq = 8", ["rnn.data.labelled"] = "path = 'data/poem.txt'", ["rnn.data.csv"] = "path = 'data/days.csv', features = { 'temp' }, target = 'sky', seq = 3",
    };

    /// <summary>The options each function documents (README), so most cases reach its own checks.</summary>
    private static readonly Dictionary<string, string[]> OwnFields = new(StringComparer.Ordinal)
    {
        ["rnn.nn.lstm"] = ["hidden", "input", "layers", "dropout", "input_dropout", "recurrent_dropout", "output_dropout", "bidirectional", "bias", "name", "forget_bias"],
        ["rnn.nn.gru"] = ["hidden", "input", "layers", "dropout", "input_dropout", "recurrent_dropout", "output_dropout", "bidirectional", "bias", "name"],
        ["rnn.nn.rnn"] = ["hidden", "input", "layers", "dropout", "input_dropout", "recurrent_dropout", "output_dropout", "bidirectional", "bias", "name", "nonlinearity"],
        ["rnn.nn.embedding"] = ["dim", "vocab", "name"], ["rnn.nn.linear"] = ["output", "input", "bias", "name"],
        ["rnn.nn.dropout"] = ["p", "name"], ["rnn.nn.sequential"] = ["head"],
        ["rnn.data.weather"] = ["days", "seq", "horizon", "labels", "class", "values", "features", "split", "seed", "climate", "climate", "climate"],
        ["rnn.data.csv"] = ["path", "features", "target", "values", "date", "seq", "horizon", "stride", "split", "missing", "classes", "groups"],
        ["rnn.data.text"] = ["path", "seq", "stride", "split"],
        ["rnn.data.labelled"] = ["path", "level", "split", "seed", "lower", "max_length"],
        ["rnn.data.sine"] = ["seq", "components", "every_step", "noise", "train", "validation", "test", "seed"],
        ["rnn.data.adding"] = ["seq", "train", "validation", "test", "seed"],
        ["rnn.data.copy"] = ["symbols", "length", "delay", "train", "validation", "test", "seed"],
        ["sample"] = ["prime", "length", "temperature", "seed"],
        ["rnn.view"] = ["panel", "layers", "max_units", "max_steps", "max_connections", "gates", "series", "negative", "positive"],
    };

    private static readonly string[] ClimateFields =
        ["mean_temperature", "seasonal_amplitude", "daily_amplitude", "mean_humidity", "storminess", "showers_per_day", "noise", "hours_per_day", "days_per_year"];

    private static readonly string[] Methods = ["info", "baselines", "predict", "sample", "parameters"];

    [Test]
    public void EveryFailureOfTheApiIsOneScriptLineWithoutDotNetWords()
    {
        WriteWeatherCsv();
        WriteText();
        using LuaHost host = Folder.CreateHost(new ScriptLimits { TimeLimit = TimeSpan.FromSeconds(5) });
        Configure(host);
        host.LoadScriptSource("return {}", Script).Dispose();
        string[] functions = ((string)host.Evaluate("""
            local names = {}
            local function walk(prefix, t)
              for k, v in pairs(t) do
                if type(v) == 'function' then names[#names + 1] = prefix .. k
                elseif type(v) == 'table' then walk(prefix .. k .. '.', v) end
              end
            end
            walk('rnn.', rnn)
            table.sort(names)
            return table.concat(names, ' ')
            """)!).Split(' ');
        Assert.That(functions, Does.Contain("rnn.nn.sequential").And.Contain("rnn.data.weather").And.Contain("rnn.optim.adam"));

        var random = new RandomSource(2026);
        int failures = 0, calls = 0;
        var failedFunctions = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Cases; i++)
        {
            string call;
            string subject;
            if (random.NextInt(5) == 0)
            {
                string method = Methods[random.NextInt(Methods.Length)];
                string self = random.NextInt(2) == 0 ? "rnn.data.sine{ seq = 3, train = 4, validation = 2, test = 2 }" : "rnn.nn.sequential{ rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{} }";
                call = random.NextInt(6) == 0 ? $"h.{method}({Value(random)})" : $"h:{method}({Arguments(random, method)})";
                call = $"local h = {self}\nlocal r = {call}";
                subject = "method " + method;
            }
            else
            {
                subject = functions[random.NextInt(functions.Length)];
                call = $"local r = {subject}({Arguments(random, subject)})";
            }
            calls++;
            try
            {
                host.LoadScriptSource($"-- case {i}\n{call}\nreturn {{}}", Script).Dispose();
            }
            catch (ScriptException e)
            {
                failures++;
                failedFunctions.Add(subject);
                AssertClean(e, $"case {i}: {call}");
                Assert.That(e.Kind, Is.AnyOf(ScriptErrorKind.Argument, ScriptErrorKind.Runtime, ScriptErrorKind.Sandbox, ScriptErrorKind.Limit));
            }
        }
        Assert.That(failures, Is.GreaterThan(calls / 2), "most random calls are refused");
        Assert.That(failedFunctions.Count, Is.GreaterThan(functions.Length / 2), "the cases reach most functions");
        using ScriptTable good = host.LoadScriptSource("return { m = rnn.nn.sequential{ rnn.nn.lstm{ hidden = 4 }, rnn.nn.linear{} } }", Script);
        Assert.That(host.Evaluate("return 1 + 1"), Is.EqualTo(2L), "the host stays usable");
    }

    [Test]
    public void EveryOptionTakesEveryKindOfValueCleanly()
    {
        WriteWeatherCsv();
        WriteText();
        using LuaHost host = Folder.CreateHost(new ScriptLimits { TimeLimit = TimeSpan.FromSeconds(5) });
        Configure(host);
        var cases = new List<string>();
        foreach ((string function, string[] fields) in OwnFields)
        {
            if (!Working.TryGetValue(function, out string? working)) continue;
            foreach (string field in fields.Distinct())
                foreach (string value in Values)
                    cases.Add($"{function}{{ {working}, {field} = {value} }}");
        }
        foreach (string field in ClimateFields)
            foreach (string value in Values)
                cases.Add($"rnn.data.weather{{ {Working["rnn.data.weather"]}, climate = {{ {field} = {value} }} }}");
        int refused = 0;
        foreach (string call in cases)
        {
            try
            {
                host.LoadScriptSource($"local r = {call}\nreturn {{}}", Script).Dispose();
            }
            catch (ScriptException e)
            {
                refused++;
                AssertClean(e, call);
            }
        }
        Assert.That(refused, Is.GreaterThan(cases.Count / 3));
    }

    private static void AssertClean(ScriptException e, string call)
    {
        Assert.That(e.Message, Does.Match(@"^scripts/fuzz\.lua:\d+: \S"), call);
        Assert.That(e.Message, Does.Not.Contain("\n"), call);
        foreach (string word in Forbidden) Assert.That(e.Message, Does.Not.Contain(word), call);
    }

    [Test]
    public void EveryFailureOfAnExperimentTableNamesTheScriptWithoutDotNetWords()
    {
        string[] fields = ["batch", "epochs", "steps", "bptt", "clip", "clip_value", "evaluate_every", "checkpoint_every", "seed",
            "track_gradient_norms", "name", "optimizer", "schedule", "loss", "select", "live", "view", "compare", "on_step", "no_such_field"];
        string[] values =
        [
            .. Values.Where(v => !v.StartsWith("rnn.", StringComparison.Ordinal)),
            "{ class_weights = { 1, 0/0 }, ignore_index = 5, regression = 'nope', delta = -1 }",
            "{ metric = 'accuracy', mode = 'sideways', patience = 0 }", "{ ticks_per_second = 0/0, train_every = -1, world_seed = 2^63 }",
            "{ { name = '../x', batch = 0 }, { name = '../x' } }", "{ { name = 'a', model = 3 } }", "rnn.optim.sgd{ lr = 1e-3 }",
            "rnn.schedule.step{ every = 1 }", "{ panel = 'nope', max_units = -1 }",
        ];
        var random = new RandomSource(11);
        for (int i = 0; i < 60; i++)
        {
            var table = new StringBuilder("return {\n  data = rnn.data.sine{ seq = 4, train = 16, validation = 4, test = 4 },\n" +
                "  model = rnn.nn.sequential{ rnn.nn.gru{ hidden = 3 }, rnn.nn.linear{} },\n");
            for (int k = random.NextInt(4) + 1; k > 0; k--)
                table.Append($"  {fields[random.NextInt(fields.Length)]} = {values[random.NextInt(values.Length)]},\n");
            table.Append('}');
            Folder.WriteScript(Script, table.ToString());
            try
            {
                ScriptedExperiment.Load(Path.Combine(Folder.Root, Script), Options(null)).Dispose();
            }
            catch (ScriptException e)
            {
                Assert.That(e.Message, Does.StartWith("scripts/fuzz.lua"), table.ToString());
                foreach (string word in Forbidden)
                    Assert.That(e.Message, Does.Not.Contain(word), table.ToString());
            }
        }
    }

    private static string Value(RandomSource random) => Values[random.NextInt(Values.Length)];

    /// <summary>A random field of <paramref name="function"/> (mostly its own options) with a random value.</summary>
    private static string Field(RandomSource random, string? function)
    {
        string[] fields = function is not null && OwnFields.TryGetValue(function, out string[]? own) && random.NextInt(5) != 0 ? own : Fields;
        string field = fields[random.NextInt(fields.Length)];
        if (field != "climate" || random.NextInt(4) == 0) return $"{field} = {Value(random)}";
        var climate = new StringBuilder("climate = { ");
        for (int k = random.NextInt(2) + 1; k > 0; k--) climate.Append($"{ClimateFields[random.NextInt(ClimateFields.Length)]} = {Value(random)}, ");
        return climate.Append('}').ToString();
    }

    /// <summary>No arguments, one value, a table of random fields (often over options that work), or a table and a value.</summary>
    private static string Arguments(RandomSource random, string? function = null)
    {
        if (function is not null && Working.TryGetValue(function, out string? working) && random.NextInt(3) != 0)
        {
            var changed = new StringBuilder($"{{ {working}, ");
            for (int k = random.NextInt(2) + 1; k > 0; k--) changed.Append(Field(random, function)).Append(", ");
            return changed.Append('}').ToString();
        }
        switch (random.NextInt(6))
        {
            case 0: return "";
            case 1: return Value(random);
            default:
                var table = new StringBuilder("{ ");
                for (int k = random.NextInt(5); k > 0; k--)
                    table.Append(Field(random, function)).Append(", ");
                if (random.NextInt(3) == 0) table.Append($"{Value(random)}, ");
                table.Append('}');
                return random.NextInt(4) == 0 ? $"{table}, {Value(random)}" : table.ToString();
        }
    }
}
