using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// A Lua state belongs to one thread: the host refuses every call from any other (an always-on
/// guard, in Release as in Debug), until the state is handed over with MoveToCurrentThread.
/// </summary>
public class ThreadOwnershipTests : HostFixture
{
    private static T OnAnotherThread<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw error;
        return result;
    }

    [Test]
    public void ACallFromAThreadThatDoesNotOwnTheStateIsRefused()
    {
        Host.LoadScriptSource("return { on_step = function() end }", "scripts/x.lua");
        var e = Assert.Throws<InvalidOperationException>(() => OnAnotherThread(() => Host.Evaluate("return 1")))!;
        Assert.That(e.Message, Does.StartWith("Lua state of scripts/x.lua used from thread ").And.Contain("owns it (Lua states are single-threaded)"));
        Assert.That(Host.Evaluate("return 1 + 1"), Is.EqualTo(2.0), "the owner still can");
    }

    [Test]
    public void ReleasingAReferenceFromAnotherThreadIsRefusedToo()
    {
        ScriptContext context = Host.CreateContext();
        Assert.Throws<InvalidOperationException>(() => OnAnotherThread(() =>
        {
            context.Dispose();
            return 0;
        }));
        Assert.Throws<InvalidOperationException>(() => OnAnotherThread(() =>
        {
            Host.Dispose();
            return 0;
        }));
        context.Dispose();
    }

    [Test]
    public void MovingTheStateHandsItToTheCallingThread()
    {
        object? onWorker = OnAnotherThread(() =>
        {
            Host.MoveToCurrentThread();
            return Host.Evaluate("return 'worker'");
        });
        Assert.That(onWorker, Is.EqualTo("worker"));
        Assert.Throws<InvalidOperationException>(() => Host.Evaluate("return 1"), "the old owner let go");
        Host.MoveToCurrentThread();
        Assert.That(Host.Evaluate("return 'back'"), Is.EqualTo("back"));
    }
}
