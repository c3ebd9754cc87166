using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RnnPlayground.Core.Tensors;

/// <summary>The phases of a training step that <see cref="StepProfile"/> times.</summary>
public enum StepPhase
{
    /// <summary>The recurrent layers' input projections W_ih·x of every time step (one product per layer and direction).</summary>
    InputProjection,

    /// <summary>The forward time loops: each step's recurrent product W_hh·h and gate math.</summary>
    RecurrentForward,

    /// <summary>The backward time loops: each step's gate-gradient math and the product with W_hh.</summary>
    BackwardTimeLoop,

    /// <summary>After each layer's backward loop: the weight- and bias-gradient products and the input gradient.</summary>
    WeightGradients,

    /// <summary>Gradient-norm clipping (and the norm when not clipping).</summary>
    Clipping,

    /// <summary>The optimizer's update of the parameter buffer.</summary>
    Optimizer,

    /// <summary>A seq2seq decoder's attention: the keys once per batch, then every step forward and backward: queries, scores, weights, context and their gradients.</summary>
    Attention,

    /// <summary>A seq2seq decoder's cell, every step forward and backward, and its weight gradients after the steps.</summary>
    DecoderCell,
}

/// <summary>
/// A per-phase timer for training steps (<c>rnnplay bench --profile</c>): when <see cref="Enabled"/>,
/// the marked phases add their wall time here; when off, a mark is one read of a static flag.
/// The phases do not nest; the rest of a step (embedding, head, loss) is the step's time minus
/// theirs. Meant for one training thread at a time.
/// </summary>
public static class StepProfile
{
    private static readonly long[] s_ticks = new long[Enum.GetValues<StepPhase>().Length];
    private static bool s_enabled;

    /// <summary>Whether phases are timed; setting it clears the totals.</summary>
    public static bool Enabled
    {
        get => s_enabled;
        set
        {
            Reset();
            s_enabled = value;
        }
    }

    /// <summary>Clears the totals.</summary>
    public static void Reset() => Array.Clear(s_ticks);

    /// <summary>The time the phase took in total since the last <see cref="Reset"/>.</summary>
    public static TimeSpan Total(StepPhase phase) => Stopwatch.GetElapsedTime(0, Volatile.Read(ref s_ticks[(int)phase]));

    /// <summary>The start of a phase: a timestamp when profiling, else 0 (pass it to <see cref="End"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Begin() => s_enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Adds the time since <paramref name="start"/> (from <see cref="Begin"/>) to the phase; nothing when it is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void End(StepPhase phase, long start)
    {
        if (start != 0) Interlocked.Add(ref s_ticks[(int)phase], Stopwatch.GetTimestamp() - start);
    }
}
