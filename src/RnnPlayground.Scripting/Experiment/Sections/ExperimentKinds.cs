using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>The handle kinds the fields of an experiment table hold (<c>data</c>, <c>model</c>, <c>optimizer</c>, <c>schedule</c>).</summary>
internal sealed record ExperimentKinds(
    HandleKind<ScriptDataset> Data,
    HandleKind<ScriptModel> Model,
    HandleKind<OptimizerSpec> Optimizer,
    HandleKind<ScheduleSpec> Schedule);
