namespace RnnPlayground.Scripting.Tests;

public class HostBasicsTests
{
    [Test]
    public void EvaluatesArithmetic()
    {
        using var host = new LuaHost();
        Assert.That(host.Evaluate("return 1 + 2"), Is.EqualTo(3L));
        Assert.That(host.Evaluate("return 1.5 * 2"), Is.EqualTo(3.0));
        Assert.That(host.Evaluate("return ('x'):rep(3)"), Is.EqualTo("xxx"));
    }
}
