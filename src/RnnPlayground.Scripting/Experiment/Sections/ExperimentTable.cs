using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>What a script's experiment table says, checked.</summary>
/// <param name="Definition">The experiment itself.</param>
/// <param name="Data">Its <c>data</c>.</param>
/// <param name="Model">Its <c>model</c>.</param>
/// <param name="Live">Its <c>live</c> section (defaults where left out).</param>
/// <param name="View">Its <c>view</c> section; null when it has none.</param>
/// <param name="Variants">Its <c>compare</c> section; empty when it has none.</param>
internal sealed record ExperimentTable(
    ExperimentDefinition Definition,
    ScriptDataset Data,
    ScriptModel Model,
    LiveOptions Live,
    ViewSettings? View,
    IReadOnlyList<ScriptedExperiment.Variant> Variants);
