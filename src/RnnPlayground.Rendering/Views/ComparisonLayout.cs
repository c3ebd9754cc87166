using RnnPlayground.Rendering.Drawing;

namespace RnnPlayground.Rendering.Views;

/// <summary>
/// What <see cref="ComparisonView"/> drew: the divergence banner (empty without one), the legend
/// with one entry per variant (its name and how it stands, as shown), the overlaid loss chart and the
/// overlaid gradient profile chart.
/// </summary>
/// <param name="Banner">The red strip naming the variants that diverged (empty when none did).</param>
/// <param name="BannerText">The banner's text as drawn (null without a banner).</param>
/// <param name="Legend">Per variant, in the script's order: its name and its status line.</param>
/// <param name="LossPlot">The plot of the loss curves (x: training step, y: loss).</param>
/// <param name="GradientPlot">The plot of the gradient profiles (x: time step, y: |∂L/∂h_t|, log); empty when no variant tracks gradients.</param>
public sealed record ComparisonLayout(
    RectF Banner,
    string? BannerText,
    IReadOnlyList<(string Name, string Status)> Legend,
    RectF LossPlot,
    RectF GradientPlot);
