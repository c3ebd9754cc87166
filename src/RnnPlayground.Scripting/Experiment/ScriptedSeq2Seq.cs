using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment.Sections;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// The encoder–decoder experiment of a script (data from <c>rnn.data.pairs</c> or <c>rnn.data.task</c>,
/// model <c>rnn.nn.seq2seq</c>): makes its runs (or its <c>compare</c> variants') with the script's
/// <c>on_step</c>, <c>on_epoch</c>, <c>on_eval</c> and <c>on_finish</c> wired to them, and decodes its
/// fixed sample into the attention picture the live view shows.
/// </summary>
public sealed class ScriptedSeq2Seq
{
    private readonly ScriptedExperiment _script;
    private readonly Seq2SeqTable _table;
    private readonly RunScopedContext _context;

    internal ScriptedSeq2Seq(ScriptedExperiment script, Seq2SeqTable table)
    {
        _script = script;
        _table = table;
        _context = new RunScopedContext(script);
    }

    /// <summary>The experiment itself (without variants).</summary>
    public Seq2SeqDefinition Definition => _table.Definition;

    /// <summary>Its data, as the script made it.</summary>
    public ScriptPairs Pairs => _table.Pairs;

    public ScriptSeq2Seq Model => _table.Model;

    /// <summary>The names of its <c>compare</c> variants, in order; empty for a single experiment.</summary>
    public IReadOnlyList<string> Variants => _variantNames ??= [.. _table.Variants.Select(v => v.Name)];

    private string[]? _variantNames;

    /// <summary>The pair the live view decodes (its target empty when the script gave only a text).</summary>
    public TextPair Sample => _table.Sample;

    /// <summary>Training steps between two decodings of <see cref="Sample"/> in the live view.</summary>
    public int FeedEvery => _table.FeedEvery;

    /// <summary>The model of the current run (for <c>ctx.model</c>).</summary>
    internal ScriptSeq2Seq CurrentModel { get; private set; } = null!;

    /// <summary>What the current run's model is, as printed.</summary>
    public string CurrentModelName() => (CurrentModel ?? Model).ToString();

    /// <summary>The name of the current run (for <c>ctx.name</c>).</summary>
    internal string CurrentName { get; private set; } = "";

    /// <summary>The definition of the experiment or of its variant <paramref name="variant"/>.</summary>
    /// <exception cref="ScriptArgumentException">No such variant.</exception>
    public Seq2SeqDefinition DefinitionOf(string? variant) => Find(variant)?.Definition ?? Definition;

    private Seq2SeqTable.Variant? Find(string? variant) => variant is null ? null
        : _table.Variants.FirstOrDefault(v => v.Name == variant)
            ?? throw new ScriptArgumentException($"{_script.ScriptPath} has no variant '{variant}' (it has {string.Join(", ", Variants)})");

    /// <summary>Makes the run (the model is built now) of the experiment or of its variant <paramref name="variant"/>, with the script's callbacks.</summary>
    public Seq2SeqRun CreateRun(RunSettings? settings = null, string? variant = null)
    {
        Seq2SeqTable.Variant? v = Find(variant);
        var run = new Seq2SeqRun(v?.Definition ?? Definition, settings);
        CurrentModel = v?.Model ?? Model;
        CurrentModel.Run = run;
        CurrentName = v?.Name ?? Definition.Name;
        _script.Session.Seq2SeqRun = run;
        _context.RunChanged();
        if (_script.Defines("on_step")) run.StepTrained = r => Call("on_step", r, null);
        if (_script.Defines("on_eval")) run.Evaluated = (r, e) => Call("on_eval", r, e);
        if (_script.Defines("on_epoch")) run.EpochEnded = r => Call("on_epoch", r, r.LastValidation);
        if (_script.Defines("on_finish"))
        {
            run.Finished = (r, s) =>
            {
                ScriptContext c = Fill(r, s.Validation);
                Scores(c, "test_", s.Test);
                c.Set("status", s.Status.ToString().ToLowerInvariant());
                c.Set("message", s.Message);
                _script.Call("on_finish", c);
            };
        }
        return run;
    }

    /// <summary>The sample decoded by <paramref name="run"/>'s model as it is now: output, target and attention.</summary>
    public AttentionSnapshot Snapshot(Seq2SeqRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Translate(Sample.Source, target: Sample.Target).Attention;
    }

    private void Call(string callback, Seq2SeqRun run, Core.Training.EvaluationResult? validation) => _script.Call(callback, Fill(run, validation));

    private ScriptContext Fill(Seq2SeqRun run, Core.Training.EvaluationResult? validation)
    {
        ScriptContext c = _context.Current;
        c.Set("step", run.Step);
        c.Set("epoch", (long)run.Epoch);
        c.Set("loss", run.LastLoss);
        c.Set("lr", (double)run.Trainer.Optimizer.LearningRate);
        c.Set("teacher_forcing", (double)run.Model.TeacherForcingRatio);
        c.Set("total_steps", run.TotalSteps);
        c.Set("steps_per_second", run.StepsPerSecond);
        Scores(c, "val_", validation);
        return c;
    }

    private static void Scores(ScriptContext c, string prefix, Core.Training.EvaluationResult? e)
    {
        if (e is null) return;
        foreach ((string name, double value) in e.Metrics) c.Set(prefix + name, value);
    }
}
