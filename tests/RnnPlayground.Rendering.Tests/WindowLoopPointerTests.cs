using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Loop;
using RnnPlayground.Rendering.Views;
using Silk.NET.OpenGL;

namespace RnnPlayground.Rendering.Tests;

/// <summary>
/// Pointer events through the loop, as a window delivers them: a move shows a tooltip, a press on a
/// button raises its control, a press on a unit pins it, Esc lets go of the pin before it reaches
/// the caller, leaving the window hides the tooltip.
/// </summary>
public class WindowLoopPointerTests : OffscreenLoopTestBase
{
    [Test]
    public void PointerEventsHoverPinAndPressButtons()
    {
        var input = new QueuedInputContext(Context);
        var loop = new WindowLoop(input, Scene, () => SyntheticSnapshots.Full());
        var controls = new List<WindowControl>();
        var forwarded = new List<InputEvent>();
        loop.ControlClicked += controls.Add;
        loop.Input += forwarded.Add;
        loop.RunFrame();
        var cell = Scene.LastNetworkLayout!.HiddenCell(2, 0, 1).Center * Scene.Scale;
        var halve = Scene.Inspector.Controls.Buttons.Single(b => b.Control == WindowControl.HalveLearningRate).Box.Center * Scene.Scale;

        input.Queue(new PointerMoved(cell.X, cell.Y));
        loop.RunFrame();
        Assert.That(Scene.Inspector.Hovered, Is.EqualTo(new Inspected(InspectedKind.Hidden, Layer: 0, Step: 2, Unit: 1)));
        Assert.That(Scene.Inspector.TooltipLines, Is.Not.Empty);

        input.Queue(new PointerPressed(halve.X, halve.Y, PointerButton.Left));
        loop.RunFrame();
        Assert.That(controls, Is.EqualTo(new[] { WindowControl.HalveLearningRate }));

        input.Queue(new PointerPressed(cell.X, cell.Y, PointerButton.Left));
        loop.RunFrame();
        Assert.That(Scene.Inspector.Pinned.Unit, Is.EqualTo((0, 1)));
        input.Queue(new KeyPressed(Key.Escape, false, 256));
        loop.RunFrame();
        Assert.That(Scene.Inspector.Pinned.Unit, Is.Null);
        Assert.That(forwarded.OfType<KeyPressed>(), Is.Empty, "the Esc that let go of the pin does not quit");
        input.Queue(new KeyPressed(Key.Escape, false, 256));
        loop.RunFrame();
        Assert.That(forwarded.OfType<KeyPressed>().Single().Key, Is.EqualTo(Key.Escape));

        input.Queue(new PointerLeft());
        loop.RunFrame();
        Assert.That(Scene.Inspector.Pointer, Is.Null);
        Assert.That(Scene.Inspector.TooltipLines, Is.Empty);
        Assert.That(forwarded.OfType<PointerMoved>().Concat<InputEvent>(forwarded.OfType<PointerPressed>()), Is.Empty, "the loop handles the pointer itself");
    }

    /// <summary>An offscreen context whose <see cref="PollEvents"/> returns the events queued since the last call.</summary>
    private sealed class QueuedInputContext(IGraphicsContext inner) : IGraphicsContext
    {
        private readonly List<InputEvent> _queued = [];

        public GL Gl => inner.Gl;

        public int Width => inner.Width;

        public int Height => inner.Height;

        public bool IsWindow => true;

        public bool ShouldClose => false;

        public void Queue(InputEvent e) => _queued.Add(e);

        public void MakeCurrent() => inner.MakeCurrent();

        public void SwapBuffers() => inner.SwapBuffers();

        public IReadOnlyList<InputEvent> PollEvents()
        {
            var events = _queued.ToArray();
            _queued.Clear();
            return events;
        }

        public void Dispose()
        {
        }
    }
}
