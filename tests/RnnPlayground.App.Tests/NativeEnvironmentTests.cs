namespace RnnPlayground.App.Tests;

/// <summary>
/// The window's LP_NUM_THREADS reaches Mesa: it is set in the environment native code reads
/// (getenv), which on Unix <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change.
/// </summary>
[NonParallelizable]
public class NativeEnvironmentTests
{
    private const string Rasterizers = "LP_NUM_THREADS";

    [Test]
    public void DotNetsOwnSetterIsNotSeenByNativeCodeOnUnix()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("on Windows both are one environment");
        string name = "RNNPLAY_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        try
        {
            Environment.SetEnvironmentVariable(name, "managed");
            Assert.That(NativeEnvironment.Get(name), Is.Null, "getenv does not see .NET's copy");
            Environment.SetEnvironmentVariable(name, null);
            Assert.That(NativeEnvironment.SetDefault(name, "native"), Is.True);
            Assert.That((NativeEnvironment.Get(name), Environment.GetEnvironmentVariable(name)), Is.EqualTo(("native", "native")));
            Assert.That(NativeEnvironment.SetDefault(name, "other"), Is.False, "a value already set is kept");
            Assert.That(NativeEnvironment.Get(name), Is.EqualTo("native"));
        }
        finally
        {
            NativeEnvironment.Remove(name);
        }
    }

    [Test]
    public void TheWindowHasTheThreadThatDrawsRasterizeUnlessTheUserChoseACount()
    {
        string? before = NativeEnvironment.Get(Rasterizers);
        try
        {
            NativeEnvironment.Remove(Rasterizers);
            LiveWindow.LimitRasterizerThreads();
            Assert.That(NativeEnvironment.Get(Rasterizers), Is.EqualTo("0"), "Mesa reads getenv: 0 rasterizer threads of its own");
            NativeEnvironment.Remove(Rasterizers);
            Assert.That(NativeEnvironment.SetDefault(Rasterizers, "3"), Is.True);
            LiveWindow.LimitRasterizerThreads();
            Assert.That(NativeEnvironment.Get(Rasterizers), Is.EqualTo("3"), "the user's choice wins");
        }
        finally
        {
            NativeEnvironment.Remove(Rasterizers);
            if (before is not null) NativeEnvironment.SetDefault(Rasterizers, before);
        }
    }
}
