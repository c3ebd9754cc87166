using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// Reads a script's experiment table: its own fields (<c>name</c>, <c>data</c>, <c>model</c>,
/// <c>optimizer</c>, <c>schedule</c>, <c>batch</c>, <c>epochs</c>/<c>steps</c>, <c>bptt</c>,
/// <c>clip</c>, <c>clip_value</c>, <c>evaluate_every</c>, <c>checkpoint_every</c>, <c>seed</c>,
/// <c>track_gradient_norms</c>, the callbacks), and each section through its reader
/// (<see cref="LossReader"/>, <see cref="SelectionReader"/>, <see cref="LiveReader"/>,
/// <see cref="ViewSettingsReader"/>, <see cref="CompareReader"/>).
/// </summary>
internal static class ExperimentReader
{
    private static readonly string[] CallbackNames = ["on_step", "on_epoch", "on_eval", "on_finish", "on_draw", "on_day", "on_key", "on_click"];

    /// <param name="o">The experiment table.</param>
    /// <param name="table">The same table, to check that the callbacks it names are functions.</param>
    /// <param name="kinds">The handle kinds of its fields.</param>
    /// <param name="defaultName">The experiment's name when it gives none (the script's file name).</param>
    /// <param name="scriptPath">The script as named in messages, stored with checkpoints.</param>
    /// <param name="parameters">The values its <c>rnn.params</c> took, recorded in checkpoints and summaries.</param>
    public static ExperimentTable Read(ScriptOptions o, ScriptTable table, ExperimentKinds kinds, string defaultName, string scriptPath,
        IReadOnlyDictionary<string, object> parameters)
    {
        string name = o.OptionalString("name", defaultName);
        ScriptDataset data = o.RequiredHandle("data", kinds.Data);
        ScriptModel model = o.RequiredHandle("model", kinds.Model);
        OptimizerSpec optimizer = o.OptionalHandle("optimizer", kinds.Optimizer) ?? new OptimizerSpec("adam", 1e-3f);
        ScheduleSpec? schedule = o.OptionalHandle("schedule", kinds.Schedule);
        TrainerOptions training = ReadTraining(o);
        int? epochs = o.Has("epochs") ? o.RequiredInt("epochs", IntRange.Positive) : null;
        int? steps = o.Has("steps") ? o.RequiredInt("steps", IntRange.Positive) : null;
        int evaluateEvery = o.OptionalInt("evaluate_every", IntRange.NonNegative, 0);
        int checkpointEvery = o.OptionalInt("checkpoint_every", IntRange.NonNegative, 0);
        ulong seed = (ulong)o.OptionalInt("seed", IntRange.NonNegative, 1);

        (CrossEntropyLoss? classification, RegressionLoss? regression, float valueWeight) = LossReader.Read(o.OptionalTable("loss"), data.Shape);
        ModelSelection selection = SelectionReader.Read(o.OptionalTable("select"), data.Shape);
        LiveOptions live = LiveReader.Read(o.OptionalTable("live"), data.Weather?.Climate);
        if (data.World is not null && live.Events.Count > 0)
            throw new ScriptArgumentException("'live.events' changes the weather world; a world of rnn.world changes itself in observe (return note = '…' to mark it)");
        if (data.World is not null && o.Has("on_day"))
            throw new ScriptArgumentException("'on_day' is called as each day of the weather world ends; a world of rnn.world sees every tick in its own observe");
        ViewSettings? view = o.Has("view") ? ViewSettingsReader.Read(o.RequiredTable("view")) : null;
        foreach (string callback in CallbackNames)
            if (o.Has(callback) && !table.HasFunction(callback))
                throw new ScriptArgumentException($"'{callback}' must be a function");

        ModelSpec spec = model.Resolve(data);
        HostMemory.CheckModel(o.Host, spec, training.BatchSize, data.Shape.SequenceLength);
        var definition = new ExperimentDefinition
        {
            Name = name,
            Data = data.Data,
            Model = spec,
            Optimizer = optimizer,
            Schedule = schedule,
            Training = training,
            ClassificationLoss = classification,
            RegressionLoss = regression,
            ValueLossWeight = valueWeight,
            Epochs = epochs,
            Steps = steps,
            EvaluateEvery = evaluateEvery,
            Selection = selection,
            CheckpointEvery = checkpointEvery,
            Seed = seed,
            Metadata = new Dictionary<string, string>(data.Metadata) { ["script"] = scriptPath },
            Parameters = parameters,
        };
        Refusing.Arguments(() =>
        {
            definition.Validate();
            var probe = new SequenceModel(spec);
            Trainer.CheckCompatible(probe, data.Shape, new TaskLoss(data.Shape));
            schedule?.Create(optimizer.LearningRate, 1000);
            return probe;
        });
        IReadOnlyList<ScriptedExperiment.Variant> variants = CompareReader.Read(o.OptionalTableList("compare"), kinds, definition, model, data);
        return new ExperimentTable(definition, data, model, live, view, variants);
    }

    /// <summary>The trainer's fields: <c>batch</c>, <c>bptt</c>, <c>clip</c>, <c>clip_value</c>, <c>track_gradient_norms</c>.</summary>
    private static TrainerOptions ReadTraining(ScriptOptions o)
    {
        int batch = o.OptionalInt("batch", IntRange.Between(1, 1_000_000), 32);
        int? bptt = o.Has("bptt") ? o.RequiredInt("bptt", IntRange.Positive) : null;
        double? clip = o.Has("clip") ? o.RequiredNumber("clip", NumberRange.Positive) : null;
        double? clipValue = o.Has("clip_value") ? o.RequiredNumber("clip_value", NumberRange.Positive) : null;
        bool trackNorms = o.OptionalBool("track_gradient_norms", false);
        return new TrainerOptions { BatchSize = batch, TruncatedBptt = bptt, ClipNorm = clip, ClipValue = (float?)clipValue, TrackGradientNorms = trackNorms };
    }
}
