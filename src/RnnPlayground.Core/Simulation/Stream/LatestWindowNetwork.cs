using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Core.Simulation;

/// <summary>The unrolled network of a live loop: a forward pass over the latest window of its replay buffer.</summary>
internal static class LatestWindowNetwork
{
    /// <summary>The network on the newest L steps (null before there are L).</summary>
    public static NetworkSnapshot? Build(ExperimentRun run, DailyReplayBuffer replay, TrainingHistory history)
    {
        int l = replay.SequenceLength, f = replay.Features(0).Length;
        if (replay.Days < l) return null;
        var window = new float[l * f];
        for (int t = 0; t < l; t++) replay.Features(l - 1 - t).CopyTo(window.AsSpan(t * f, f));
        var input = new Activations(window, l, 1, f);
        Activations output = run.Model.Forward(input, training: false);
        return NetworkSnapshotBuilder.Build(run.Model, input, output, 0, history.Last.Clipped);
    }
}
