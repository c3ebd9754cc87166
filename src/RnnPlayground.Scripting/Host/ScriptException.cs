using System.Text;

namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A mistake in a script, reported the way Lua reports it: <see cref="Message"/> reads
/// <c>scripts/weather.lua:14: rnn.nn.lstm: 'hidden' must be a positive integer (got -3)</c>, the
/// traceback holds script frames only, and <see cref="ToString"/> never shows a .NET stack trace.
/// </summary>
public sealed class ScriptException : Exception
{
    public ScriptException(ScriptErrorKind kind, string message, string? scriptPath, int? line,
        string? luaTraceback = null, string? hint = null)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (line is <= 0) throw new ArgumentOutOfRangeException(nameof(line), line, "must be a positive line number");
        Kind = kind;
        ScriptPath = scriptPath;
        Line = line;
        LuaTraceback = luaTraceback;
        Hint = hint;
    }

    /// <summary>What kind of mistake this is.</summary>
    public ScriptErrorKind Kind { get; }

    /// <summary>The script the error points at, as the host named its chunk (e.g. <c>scripts/weather.lua</c>).</summary>
    public string? ScriptPath { get; }

    /// <summary>The line the error points at, when Lua gave one.</summary>
    public int? Line { get; }

    /// <summary>
    /// <c>stack traceback:</c> followed by the script's frames, innermost first; the host's own frames
    /// and C frames are left out. Null when there was no script frame (e.g. a syntax error).
    /// </summary>
    public string? LuaTraceback { get; }

    /// <summary>One line of advice on what to look for, when the host has one.</summary>
    public string? Hint { get; }

    /// <summary>The message, then the hint and the Lua traceback: what a user should see.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Message);
        if (Hint is not null) text.Append("\nhint: ").Append(Hint);
        if (LuaTraceback is not null) text.Append('\n').Append(LuaTraceback);
        return text.ToString();
    }
}
