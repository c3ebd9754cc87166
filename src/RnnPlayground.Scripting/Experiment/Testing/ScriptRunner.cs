using RnnPlayground.Core.Experiments;

namespace RnnPlayground.Scripting.Experiment.Testing;

/// <summary>
/// The body of <c>rnn.run(path, {…})</c>: loads an experiment script in a Lua state of its own (on the
/// calling thread, which owns it until it is disposed here), trains it headless — every variant of a
/// comparison, or the one asked for — with the request's steps, epochs, seed and parameters, each run writing
/// its metrics.csv and summary.json into its own folder under the case's output folder.
/// </summary>
internal static class ScriptRunner
{
    /// <summary>What a test asked <c>rnn.run</c> for.</summary>
    /// <param name="Parameters">Values for the script's <c>rnn.params</c>, as text (as <c>--set</c> gives them).</param>
    public sealed record Request(long? Steps, int? Epochs, ulong? Seed, string? Variant, IReadOnlyDictionary<string, string> Parameters);

    /// <exception cref="Host.ScriptException">The script has a mistake.</exception>
    /// <exception cref="Host.ScriptArgumentException">No such variant.</exception>
    public static IReadOnlyList<RunFigures> Run(string scriptPath, string output, Request request, TestFileOptions options, CancellationToken cancellation)
    {
        using ScriptedExperiment script = ScriptedExperiment.Load(scriptPath, new ScriptedExperimentOptions
        {
            WorkingDirectory = options.WorkingDirectory, OutputDirectory = output, Output = options.Output ?? TextWriter.Null,
            Parameters = request.Parameters, ParameterSource = "rnn.run set",
        });
        if (script.Seq2Seq is { } seq2seq) return RunSeq2Seq(script, seq2seq, output, request, cancellation);
        var runs = new List<(ScriptedExperiment.Variant? Variant, string Output)>();
        if (script.Variants.Count == 0)
        {
            if (request.Variant is { } asked) throw new Host.ScriptArgumentException($"'variant': {script.ScriptPath} compares no variants (asked for '{asked}')");
            runs.Add((null, output));
        }
        else
        {
            foreach (ScriptedExperiment.Variant v in script.Variants)
                if (request.Variant is null || request.Variant == v.Name) runs.Add((v, OutputFolder.Child(output, v.Name)));
            if (runs.Count == 0)
                throw new Host.ScriptArgumentException($"'variant': {script.ScriptPath} has no variant '{request.Variant}' (it has {string.Join(", ", script.Variants.Select(v => v.Name))})");
        }
        var figures = new List<RunFigures>();
        foreach ((ScriptedExperiment.Variant? variant, string folder) in runs)
        {
            var extremes = new RunExtremes();
            ExperimentRun run = script.CreateRun(new RunSettings
            {
                OutputDirectory = folder, Steps = request.Steps, Epochs = request.Epochs, Seed = request.Seed, Observer = extremes,
            }, variant);
            RunSummary summary = run.Run(cancellation);
            if (script.CallbackError is { } error) throw error;
            options.RunFinished?.Invoke(run, summary, folder);
            figures.Add(RunFigures.Of(script.ScriptPath, variant?.Name, summary, extremes));
        }
        return figures;
    }

    /// <summary>An encoder–decoder script: the experiment, or every variant (or the one asked for: an unknown one is refused by its run), each run into its folder.</summary>
    private static List<RunFigures> RunSeq2Seq(ScriptedExperiment script, ScriptedSeq2Seq seq2seq, string output, Request request, CancellationToken cancellation)
    {
        if (seq2seq.Variants.Count == 0 && request.Variant is { } asked)
            throw new Host.ScriptArgumentException($"'variant': {script.ScriptPath} compares no variants (asked for '{asked}')");
        string?[] names = seq2seq.Variants.Count == 0 ? [null] : request.Variant is { } v ? [v] : [.. seq2seq.Variants];
        var figures = new List<RunFigures>();
        foreach (string? name in names)
        {
            string folder = name is null ? output : OutputFolder.Child(output, name);
            Seq2SeqRun run = seq2seq.CreateRun(new RunSettings { OutputDirectory = folder, Steps = request.Steps, Epochs = request.Epochs, Seed = request.Seed }, name);
            RunSummary summary = run.Run(cancellation);
            if (script.CallbackError is { } error) throw error;
            figures.Add(RunFigures.Of(script.ScriptPath, name, summary, new RunExtremes()));
        }
        return figures;
    }
}
