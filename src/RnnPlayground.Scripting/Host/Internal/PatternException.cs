namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>A malformed or too complex Lua pattern; the message is Lua's own (e.g. <c>malformed pattern (missing ']')</c>).</summary>
internal sealed class PatternException(string message) : Exception(message);
