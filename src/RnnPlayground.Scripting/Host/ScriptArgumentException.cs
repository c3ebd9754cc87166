namespace RnnPlayground.Scripting.Host;

/// <summary>
/// Thrown by a host function (or the argument readers of <see cref="ScriptCall"/>) to refuse an
/// argument. The host prefixes the function's name and the script's position, so the message says
/// only what is wrong: <c>'hidden' must be a positive integer (got -3)</c>.
/// </summary>
public sealed class ScriptArgumentException : Exception
{
    public ScriptArgumentException(string message) : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
    }
}
