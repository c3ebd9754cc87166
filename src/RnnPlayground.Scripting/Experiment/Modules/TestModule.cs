using System.Diagnostics;
using RnnPlayground.Scripting.Experiment.Testing;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// What a test file adds to the <c>rnn</c> table: <c>rnn.test(name, fn)</c> (also <c>test</c>) defines a
/// case; <c>rnn.run(path, {steps, epochs, seed, variant, set = {name = value}})</c> trains an experiment script headless
/// (path relative to the test file; <c>set</c> gives its <c>rnn.params</c> values, as <c>--set</c> does) and returns its summary's figures as a table (for a comparison,
/// one table per variant by name). Only test files have these.
/// </summary>
public static class TestModule
{
    /// <summary>The state a test file's functions share: the cases it defined and the runs its current case made.</summary>
    internal sealed class Session
    {
        public List<(TestCase Case, ScriptFunctionReference Function)> Cases { get; } = [];
        public List<RunFigures> Runs { get; } = [];
        public double RunSeconds { get; set; }
        public int Calls { get; set; }
    }

    internal static void Register(LuaHost host, Session session, TestFileOptions options)
    {
        RnnModule.RegisterFiles(host);
        host.RegisterFunction("rnn", "test", call =>
        {
            string name = call.String(1, "name");
            if (name.Trim().Length == 0) throw new ScriptArgumentException("'name' must not be empty");
            ScriptFunctionReference function = call.Function(2, "fn");
            (_, int? line) = call.Host.DefinedAt(function);
            if (session.Cases.FirstOrDefault(c => c.Case.Name == name) is { Function: not null } twin)
            {
                function.Dispose();
                throw new ScriptArgumentException($"a case named '{name}' is already defined (line {twin.Case.Line})");
            }
            session.Cases.Add((new TestCase(name, line), function));
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "run", call =>
        {
            string path = call.String(1, "path");
            ScriptOptions o = call.OptionalOptions(2);
            long? steps = o.Has("steps") ? o.RequiredInt("steps", IntRange.Positive) : null;
            int? epochs = o.Has("epochs") ? o.RequiredInt("epochs", IntRange.Between(1, 1_000_000)) : null;
            ulong? seed = o.Has("seed") ? (ulong)o.RequiredInt("seed", IntRange.NonNegative) : null;
            string? variant = o.Has("variant") ? o.RequiredString("variant") : null;
            var set = (o.OptionalPlainTable("set") ?? new Dictionary<string, object>())
                .ToDictionary(kv => kv.Key, kv => Core.Experiments.ExperimentParameters.Format(kv.Value), StringComparer.Ordinal);
            o.RejectOtherFields();
            string script = call.Files.ResolveRead(path);
            if (!File.Exists(script)) throw new ScriptArgumentException($"no script '{path}' (paths are relative to the test file)");
            string output = call.Files.ResolveWrite($"{++session.Calls:D2}-{Path.GetFileNameWithoutExtension(script)}");
            var clock = Stopwatch.StartNew();
            IReadOnlyList<RunFigures> runs;
            try
            {
                runs = ScriptRunner.Run(script, output, new ScriptRunner.Request(steps, epochs, seed, variant, set), options, call.Cancellation);
            }
            finally
            {
                session.RunSeconds += clock.Elapsed.TotalSeconds;
            }
            session.Runs.AddRange(runs);
            ScriptTableWriter result = call.ReturnTable(runs.Count == 1 ? 24 : runs.Count);
            if (runs.Count == 1 && (runs[0].Variant is null || variant is not null)) Write(result, runs[0]);
            else foreach (RunFigures r in runs) Write(result.SetTable(r.Variant!, 24), r);
        });
    }

    private static void Write(ScriptTableWriter t, RunFigures r)
    {
        t.Set("status", r.Status).Set("message", r.Message).Set("seconds", r.Seconds);
        if (r.Variant is { } v) t.Set("name", v);
        foreach ((string name, double value) in r.Figures) t.Set(name, value);
        if (r.GradientNormPerStep is { } norms) t.SetFloats("grad_norm_per_step", norms);
        if (r.Parameters is not { Count: > 0 } values) return;
        ScriptTableWriter p = t.SetTable("params", values.Count);
        foreach ((string name, object value) in values)
        {
            _ = value switch
            {
                long i => p.Set(name, i),
                double d => p.Set(name, d),
                bool b => p.Set(name, b),
                _ => p.Set(name, value.ToString() ?? ""),
            };
        }
    }
}
