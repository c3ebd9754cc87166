using System.Globalization;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>
/// The runs one <c>rnnplay run</c> makes, in order: the script's experiment, or each variant of its
/// <c>compare</c> list, every one with the command line's steps, epochs, seed and resume and with its
/// own output folder (<see cref="OutputFolder"/>: a variant's folder is checked to stay inside
/// <c>--out</c>). Headless training, <c>--ticks</c>, <c>--screenshot</c>/<c>--record</c> and the
/// window all take their runs from here.
/// </summary>
internal sealed class VariantSequence
{
    private readonly ScriptedExperiment _script;
    private readonly RunOptions _options;
    private readonly List<Entry> _entries = [];

    /// <summary>One run of the sequence: the variant (null for a plain experiment) and where it writes.</summary>
    /// <param name="ResumeFrom">The checkpoint it continues from, if <c>--resume</c> was given.</param>
    public sealed record Entry(ScriptedExperiment.Variant? Variant, string Output, string? ResumeFrom)
    {
        /// <summary>How the run is named in progress lines and the comparison table.</summary>
        public string Name(ScriptedExperiment script) => Variant?.Name ?? script.Name;
    }

    /// <exception cref="ArgumentException">A variant's folder would leave <paramref name="output"/>, or two would share one;
    /// <c>--resume</c> of a comparison is not a folder.</exception>
    public VariantSequence(ScriptedExperiment script, RunOptions options, string output)
    {
        _script = script;
        _options = options;
        Output = output;
        if (script.Variants.Count == 0)
        {
            _entries.Add(new Entry(null, output, options.Resume));
            return;
        }
        if (options.Resume is { } resume && !Directory.Exists(resume))
            throw new ArgumentException($"--resume {resume}: a comparison resumes from the output folder of an earlier run (one checkpoint per variant in its sub-folders)");
        foreach (ScriptedExperiment.Variant v in script.Variants)
        {
            string folder = OutputFolder.Child(output, v.Name);
            if (_entries.FirstOrDefault(e => OutputFolder.SameFolder(e.Output, folder)) is { } twin)
                throw new ArgumentException($"variants '{twin.Variant!.Name}' and '{v.Name}' would share the folder {folder}");
            string? from = options.Resume is { } r ? Path.Combine(OutputFolder.Child(r, v.Name), ExperimentRun.CheckpointFile) : null;
            _entries.Add(new Entry(v, folder, from));
        }
    }

    /// <summary>The run's output folder (<c>--out</c>); variants write in sub-folders of it.</summary>
    public string Output { get; }

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>Whether the script compares variants (and so writes one folder per variant).</summary>
    public bool IsComparison => _script.Variants.Count > 0;

    /// <summary>Whether a run streams a world (the weather): live, it never ends by itself, so the sequence does not get past it.</summary>
    public bool Streams => _entries.Any(e => _script.DataOf(e.Variant).Streams);

    public ScriptedExperiment Script => _script;

    /// <summary>The command line's options every run takes (steps, epochs, seed, resume).</summary>
    public RunOptions Options => _options;

    /// <summary>Makes the run of entry <paramref name="index"/> (on the thread that owns the script).</summary>
    public ExperimentRun CreateRun(int index, IRunObserver? observer)
    {
        Entry e = _entries[index];
        return _script.CreateRun(new RunSettings
        {
            OutputDirectory = e.Output, Steps = _options.Steps, Epochs = _options.Epochs, Seed = _options.Seed,
            ResumeFrom = e.ResumeFrom, Observer = observer,
        }, e.Variant);
    }

    /// <summary>
    /// The line that introduces a run: its size, length, seed and folder; for a comparison's variant
    /// (after a blank line) also its name, place in the sequence, model and training.
    /// </summary>
    public string Describe(int index, ExperimentRun run)
    {
        if (_entries[index].Variant is not { } v)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"  {run.Model.Parameters.Count:N0} parameters; {run.TotalSteps} steps of batch {_script.Definition.Training.BatchSize}; seed {_options.Seed ?? _script.Definition.Seed}; outputs in {SummaryPrinter.Relative(Output)}");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.NewLine}== {v.Name} ({index + 1} of {_entries.Count}): {v.Model}; {RunCommand.Describe(v.Definition)}; {run.Model.Parameters.Count:N0} parameters; {run.TotalSteps} steps; outputs in {SummaryPrinter.Relative(_entries[index].Output)}");
    }
}
