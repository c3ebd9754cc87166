using RnnPlayground.Core.Experiments;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// The handle kinds the fields of an experiment table hold (<c>data</c>, <c>model</c>, <c>optimizer</c>,
/// <c>schedule</c>; for an encoder–decoder, <c>data</c> is <see cref="Pairs"/> and <c>model</c> <see cref="Seq2Seq"/>).
/// </summary>
internal sealed record ExperimentKinds(
    HandleKind<ScriptDataset> Data,
    HandleKind<ScriptModel> Model,
    HandleKind<OptimizerSpec> Optimizer,
    HandleKind<ScheduleSpec> Schedule,
    HandleKind<ScriptPairs> Pairs,
    HandleKind<ScriptSeq2Seq> Seq2Seq);
