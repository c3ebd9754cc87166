using System.Globalization;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Simulation;

/// <summary>Applies <see cref="TrainingControl"/>s to a trainer between steps (on the simulation thread).</summary>
public static class TrainingControls
{
    /// <summary>Changes <paramref name="trainer"/>; returns what changed, e.g. "learning rate 3.0e-3 → 1.5e-3 at step 120".</summary>
    public static string Apply(Trainer trainer, TrainingControl control, ref double lastClip)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var c = CultureInfo.InvariantCulture;
        string at = string.Create(c, $" at step {trainer.Step}");
        switch (control)
        {
            case TrainingControl.HalveLearningRate or TrainingControl.DoubleLearningRate:
                float before = trainer.Optimizer.LearningRate;
                float factor = control == TrainingControl.HalveLearningRate ? 0.5f : 2f;
                trainer.LearningRateScale *= factor;
                trainer.Optimizer.LearningRate = before * factor; // shown at once; the next update uses it
                return string.Create(c, $"learning rate {before:G3} → {trainer.Optimizer.LearningRate:G3}{at}");
            case TrainingControl.ToggleClipping:
                if (trainer.ClipNorm is { } on)
                {
                    lastClip = on;
                    trainer.ClipNorm = null;
                    return "clipping off" + at;
                }
                trainer.ClipNorm = lastClip > 0 ? lastClip : 1.0;
                return string.Create(c, $"clipping on at {trainer.ClipNorm:G3}{at}");
            case TrainingControl.HalveClipThreshold or TrainingControl.DoubleClipThreshold:
                double old = trainer.ClipNorm ?? (lastClip > 0 ? lastClip : 1.0);
                trainer.ClipNorm = old * (control == TrainingControl.HalveClipThreshold ? 0.5 : 2.0);
                return string.Create(c, $"clip threshold {old:G3} → {trainer.ClipNorm:G3}{at}");
            default:
                throw new ArgumentOutOfRangeException(nameof(control), control, "unknown training control");
        }
    }
}
