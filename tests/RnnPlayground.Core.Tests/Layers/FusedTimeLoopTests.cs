using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>
/// Time loops large enough to run as one job split by hidden units over the compute threads give
/// bit for bit what the step-by-step loop on one thread gives (outputs, final states, every
/// gradient), allocate nothing per pass, and finish when the workers are asleep; so do a layer's
/// weight-gradient products run as two shares, one thread each.
/// </summary>
public class FusedTimeLoopTests
{
    private sealed record Pass(float[] Output, float[] FinalHidden, float[] FinalCell, float[] InputGradient,
        float[] InitialHiddenGradient, float[] InitialCellGradient, float[] ParameterGradients, long FusedLoops, long DirectionsTogether,
        long SharedProducts);

    /// <summary>H = 128 is whole panels for every kernel; batches where B·G·H·H reaches the fused path's threshold.</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(CellKind.Lstm, 1, false, false, 32).SetName("Lstm one layer, zero states");
        yield return new TestCaseData(CellKind.Lstm, 2, true, true, 32).SetName("Lstm two layers bidirectional, initial states");
        yield return new TestCaseData(CellKind.Gru, 1, false, false, 48).SetName("Gru one layer, zero states");
        yield return new TestCaseData(CellKind.Gru, 2, true, true, 48).SetName("Gru two layers bidirectional, initial states");
    }

    private static Pass Run(CellKind cell, int layers, bool bidirectional, bool states, int batch, int threads, int repeats = 1, int steps = 7,
        int input = 24)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = threads;
        try
        {
            var rng = new RandomSource(77);
            const int hidden = 128;
            var store = new ParameterStore();
            RecurrentLayer layer = MaskedBatchTests.Make(cell, store, input, hidden, layers, bidirectional);
            store.Seal();
            layer.ResetParameters(rng);
            int n = layer.StateCount * batch * hidden;
            float[] x = GradientCheck.Random(rng, steps * batch * input);
            float[] dy = GradientCheck.Random(rng, steps * batch * layer.OutputSize);
            if (states)
            {
                layer.InitialHidden = GradientCheck.Random(rng, n, 0.5f);
                if (layer.HasCellState) layer.InitialCell = GradientCheck.Random(rng, n, 0.5f);
                layer.FinalHiddenGradient = GradientCheck.Random(rng, n);
                if (layer.HasCellState) layer.FinalCellGradient = GradientCheck.Random(rng, n);
            }
            Activations output = default, dx = default;
            for (int r = 0; r < repeats; r++)
            {
                store.Gradients.AsSpan().Clear();
                output = layer.Forward(new Activations(x, steps, batch, input), training: true);
                dx = layer.Backward(new Activations(dy, steps, batch, layer.OutputSize), needInputGradient: true);
            }
            return new Pass(output.Data.AsSpan(0, output.Rows * output.Width).ToArray(), layer.FinalHidden.ToArray(), layer.FinalCell.ToArray(),
                dx.Data.AsSpan(0, dx.Rows * dx.Width).ToArray(), layer.InitialHiddenGradient.ToArray(), layer.InitialCellGradient.ToArray(),
                store.Gradients.AsSpan(0, store.Count).ToArray(), layer.FusedLoops, layer.DirectionsRunTogether,
                layer.WeightProductsRanShared);
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    private static void AssertIdentical(Pass fused, Pass serial)
    {
        Assert.That(fused.Output.SequenceEqual(serial.Output), Is.True, "output");
        Assert.That(fused.FinalHidden.SequenceEqual(serial.FinalHidden), Is.True, "final hidden state");
        Assert.That(fused.FinalCell.SequenceEqual(serial.FinalCell), Is.True, "final cell state");
        Assert.That(fused.InputGradient.SequenceEqual(serial.InputGradient), Is.True, "input gradient");
        Assert.That(fused.InitialHiddenGradient.SequenceEqual(serial.InitialHiddenGradient), Is.True, "initial hidden gradient");
        Assert.That(fused.InitialCellGradient.SequenceEqual(serial.InitialCellGradient), Is.True, "initial cell gradient");
        Assert.That(fused.ParameterGradients.SequenceEqual(serial.ParameterGradients), Is.True, "parameter gradients");
        Assert.That(serial.ParameterGradients.Count(g => g != 0f), Is.GreaterThan(serial.ParameterGradients.Length / 2), "gradients flowed");
    }

    [TestCaseSource(nameof(Cases))]
    public void TwoThreadsGiveBitForBitTheOneThreadResults(CellKind cell, int layers, bool bidirectional, bool states, int batch)
    {
        Pass serial = Run(cell, layers, bidirectional, states, batch, threads: 1);
        Pass fused = Run(cell, layers, bidirectional, states, batch, threads: 2, repeats: 3);
        Assert.That(serial.FusedLoops, Is.Zero, "one thread runs the step-by-step loop");
        int loops = 2 * layers * (bidirectional ? 2 : 1);
        Assert.That(fused.FusedLoops, Is.EqualTo(3L * loops), "every loop of the two-thread passes ran fused");
        AssertIdentical(fused, serial);
    }

    /// <summary>
    /// Sequences long enough that a direction's loop is worth a thread of its own (T·B·G·H·H ≥ 2²⁴):
    /// the two directions run at once, each step by step, and give the one-thread bits.
    /// </summary>
    [TestCase(CellKind.Lstm, 1, false)]
    [TestCase(CellKind.Lstm, 2, true)]
    [TestCase(CellKind.Gru, 2, true)]
    [TestCase(CellKind.RnnTanh, 2, true)]
    public void BothDirectionsAtOnceGiveBitForBitTheOneThreadResults(CellKind cell, int layers, bool states)
    {
        int steps = cell == CellKind.RnnTanh ? 64 : 24;
        Pass serial = Run(cell, layers, true, states, batch: 32, threads: 1, steps: steps);
        Pass together = Run(cell, layers, true, states, batch: 32, threads: 2, repeats: 3, steps: steps);
        Assert.That(serial.DirectionsTogether, Is.Zero, "one thread runs the directions one after the other");
        Assert.That(together.DirectionsTogether, Is.EqualTo(3L * 2 * layers), "every layer's forward and backward loops ran both directions at once");
        Assert.That(together.FusedLoops, Is.Zero, "each direction's loop ran step by step on its thread");
        AssertIdentical(together, serial);
    }

    [Test]
    public void ShortOrOneWaySequencesKeepTheirDirectionsInTurn()
    {
        Assert.That(Run(CellKind.Lstm, 1, true, false, batch: 32, threads: 2).DirectionsTogether, Is.Zero, "7 steps: below the threshold");
        Assert.That(Run(CellKind.Lstm, 1, false, false, batch: 32, threads: 2, steps: 24).DirectionsTogether, Is.Zero, "one direction");
    }

    /// <summary>
    /// Weight-gradient products large enough to share (T·B·G·H·in ≥ 2²⁴ a share): a one-way layer
    /// whose dW_ih and dW_hh are about the same size (input = hidden) runs them on a thread each, a
    /// bidirectional layer each direction's pair on a thread of its own; a one-way first layer of 24
    /// inputs (dW_ih a fifth of dW_hh) keeps each product split. The bits are the one-thread bits.
    /// </summary>
    [TestCase(CellKind.Lstm, false, false, 128, 2L)]
    [TestCase(CellKind.Lstm, false, true, 24, 1L)]
    [TestCase(CellKind.Lstm, true, true, 24, 2L)]
    [TestCase(CellKind.Gru, false, true, 128, 2L)]
    [TestCase(CellKind.Gru, true, false, 24, 2L)]
    [TestCase(CellKind.RnnTanh, true, true, 128, 2L)]
    public void SharedWeightProductsGiveBitForBitTheOneThreadResults(CellKind cell, bool bidirectional, bool states, int input, long sharedLayers)
    {
        Pass serial = Run(cell, 2, bidirectional, states, batch: 48, threads: 1, steps: 16, input: input);
        Pass shared = Run(cell, 2, bidirectional, states, batch: 48, threads: 2, repeats: 3, steps: 16, input: input);
        Assert.That(serial.SharedProducts, Is.Zero, "one thread splits nothing");
        Assert.That(shared.SharedProducts, Is.EqualTo(3 * sharedLayers), "layers whose products ran as two shares, in three passes");
        AssertIdentical(shared, serial);
    }

    [Test]
    public void SmallWeightProductsAreNotShared() =>
        Assert.That(Run(CellKind.Lstm, 2, false, false, batch: 8, threads: 2, input: 128).SharedProducts, Is.Zero, "7 steps of 8 rows: below the threshold");

    [Test]
    public void BelowTheThresholdTheLoopRunsStepByStep()
    {
        Pass small = Run(CellKind.Gru, 1, false, false, batch: 8, threads: 2);
        Assert.That(small.FusedLoops, Is.Zero);
    }

    [TestCase(CellKind.Lstm, 32)]
    [TestCase(CellKind.Gru, 48)]
    public void FusedLoopsFinishWhenTheWorkersAreAsleep(CellKind cell, int batch)
    {
        Pass serial = Run(cell, 1, true, true, batch, threads: 1);
        var task = Task.Run(() =>
        {
            ComputeThreads.ParallelFor(8, new Nothing()); // starts the workers
            Assert.That(SpinWait.SpinUntil(() => ComputeThreads.WorkersAsleep, TimeSpan.FromMinutes(1)), Is.True, "the workers block");
            return Run(cell, 1, true, true, batch, threads: 2);
        });
        Assert.That(task.Wait(TimeSpan.FromMinutes(2)), Is.True, "the fused loops finished");
        Assert.That(task.Result.FusedLoops, Is.EqualTo(4));
        AssertIdentical(task.Result, serial);
    }

    [TestCase(6, false)]
    [TestCase(24, true)]
    public void AFusedPassAllocatesNothingAfterWarmUp(int steps, bool together)
    {
        int saved = ComputeThreads.Count;
        ComputeThreads.Count = 2;
        try
        {
            var rng = new RandomSource(5);
            var store = new ParameterStore();
            var lstm = new Lstm(store, "", 16, 128, 2, bidirectional: true);
            store.Seal();
            lstm.ResetParameters(rng);
            const int batch = 32;
            float[] x = GradientCheck.Random(rng, steps * batch * 16);
            float[] dy = GradientCheck.Random(rng, steps * batch * lstm.OutputSize);
            void Pass()
            {
                lstm.Forward(new Activations(x, steps, batch, 16), true);
                lstm.Backward(new Activations(dy, steps, batch, lstm.OutputSize), true);
            }
            for (int i = 0; i < 5; i++) Pass();
            long fused = lstm.FusedLoops, directions = lstm.DirectionsRunTogether, shared = lstm.WeightProductsRanShared;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) Pass();
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            if (together) Assert.That(lstm.DirectionsRunTogether - directions, Is.EqualTo(20 * 4), "the passes ran both directions at once");
            else Assert.That(lstm.FusedLoops - fused, Is.EqualTo(20 * 8), "the passes ran fused");
            Assert.That(lstm.WeightProductsRanShared - shared, Is.EqualTo(together ? 20 * 2 : 20), "the layers' weight-gradient products ran as two shares");
        }
        finally
        {
            ComputeThreads.Count = saved;
        }
    }

    private struct Nothing : IParallelBody
    {
        public readonly void Invoke(int index)
        {
        }
    }
}
