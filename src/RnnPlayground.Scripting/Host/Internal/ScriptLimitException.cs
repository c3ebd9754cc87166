namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>Host code found that the running call into script code has exceeded a limit (see <see cref="WorkMeter"/>).</summary>
internal sealed class ScriptLimitException(LimitKind limit) : Exception($"script exceeded a limit ({limit})")
{
    public LimitKind Limit { get; } = limit;
}
