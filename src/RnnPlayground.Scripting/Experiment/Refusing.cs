using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>Turns the core's argument checks into script argument errors (so they read as the script's mistake).</summary>
internal static class Refusing
{
    /// <summary>Runs <paramref name="build"/>; an <see cref="ArgumentException"/> from the core becomes a <see cref="ScriptArgumentException"/>.</summary>
    public static T Arguments<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw new ScriptArgumentException(CoreMessage(e));
        }
    }

    /// <summary>The message without .NET's "(Parameter 'x')" and "Actual value was" tails.</summary>
    public static string CoreMessage(ArgumentException e)
    {
        string m = e.Message;
        int cut = m.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) m = m[..cut];
        cut = m.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
        return cut >= 0 ? m[..cut] : m;
    }
}
