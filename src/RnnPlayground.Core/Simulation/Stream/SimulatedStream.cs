using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Simulation;

/// <summary>
/// A streamed experiment's data: the <see cref="IStreamWorld"/>, the steps it made before the live
/// stream (<see cref="History"/>, from seed <see cref="Seed"/>) and the windows cut from them
/// (<see cref="Windows"/>, the training dataset, whose normalization the live loop keeps). The live
/// loop restarts the world with the live seed, a new stream of the same world.
/// </summary>
public sealed record SimulatedStream(IStreamWorld World, ulong Seed, TimeSeries History, WindowedDataset Windows)
{
    /// <summary>Runs <paramref name="world"/> from seed <paramref name="seed"/> for <paramref name="steps"/> steps and windows them.</summary>
    /// <exception cref="WorldFailedException">The world failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked every step).</exception>
    public static SimulatedStream Create(IStreamWorld world, ulong seed, int steps, WindowOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        int width = world.Columns.Count;
        var columns = new float[width][];
        for (int c = 0; c < width; c++) columns[c] = new float[steps];
        int[]? labels = world.ClassNames.Count > 0 ? new int[steps] : null;
        var observed = new float[world.Series.Count];
        var row = new float[width];
        world.Restart(seed);
        for (int s = 0; s < steps; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            int label;
            while (!world.Advance(observed, row, out label)) { }
            for (int c = 0; c < width; c++) columns[c][s] = row[c];
            if (labels is not null) labels[s] = label;
        }
        var history = new TimeSeries("stream", world.Columns, columns,
            labels is null ? null : "class", labels, labels is null ? null : new LabelEncoding(world.ClassNames));
        return new SimulatedStream(world, seed, history, new WindowedDataset(history, options));
    }
}
