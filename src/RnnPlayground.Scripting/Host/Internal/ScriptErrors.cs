using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>Turns what Lua reported into a <see cref="ScriptException"/>: position, script-only traceback, hint.</summary>
internal static partial class ScriptErrors
{
    /// <summary>The chunk name of the host's prelude as it appears in tracebacks.</summary>
    public const string HostSource = "[host]";

    [GeneratedRegex(@"^(?<path>[^\n]+?):(?<line>\d+): ", RegexOptions.CultureInvariant)]
    private static partial Regex Position();

    [GeneratedRegex(@"^\t(?<path>[^\n]+?):(?<line>\d+): ", RegexOptions.CultureInvariant)]
    private static partial Regex FramePosition();

    /// <summary>
    /// Builds the exception for an error message as Lua raised it (<c>path:line: text</c>) and the raw
    /// output of <c>debug.traceback</c>. When the message has no position, the innermost script frame gives it.
    /// </summary>
    public static ScriptException Create(ScriptErrorKind kind, string message, string? rawTraceback,
        string? fallbackPath, ScriptHints hints, string? hint = null)
    {
        string? traceback = ScriptFrames(rawTraceback);
        string? path = fallbackPath;
        int? line = null;
        Match position = Position().Match(message);
        if (position.Success && int.TryParse(position.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0)
        {
            path = position.Groups["path"].Value;
            line = parsed;
        }
        else if (traceback is not null)
        {
            Match frame = FramePosition().Match(traceback.Split('\n', 2)[1]);
            if (frame.Success && int.TryParse(frame.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) && parsed > 0)
            {
                path = frame.Groups["path"].Value;
                line = parsed;
            }
        }
        return new ScriptException(kind, message, path, line, traceback, hint ?? HintFor(kind, message, hints));
    }

    /// <summary>
    /// What a script is told of an exception from host code it called: the message of an exception
    /// that describes the script's request (without .NET's "(Parameter 'x')" and "Actual value was"
    /// tails), and never the text of one that only a bug in the host raises.
    /// </summary>
    public static string HostMessage(Exception e)
    {
        switch (e)
        {
            case OutOfMemoryException or InsufficientExecutionStackException:
                return "there is not enough memory for this";
            case OverflowException:
                return "a size or count is too large";
            case NullReferenceException or IndexOutOfRangeException or InvalidCastException or ArithmeticException or NotImplementedException:
                return "internal error in the host";
        }
        string message = e.Message.ReplaceLineEndings("; ");
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        cut = message.IndexOf("; Actual value was", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    /// <summary>The innermost script frame of a raw <c>debug.traceback</c>, as <c>path:line</c>; null when there is none.</summary>
    public static string? InnermostFrame(string? rawTraceback)
    {
        string? frames = ScriptFrames(rawTraceback);
        if (frames is null) return null;
        Match frame = FramePosition().Match(frames.Split('\n', 3)[1]);
        return frame.Success ? $"{frame.Groups["path"].Value}:{frame.Groups["line"].Value}" : null;
    }

    /// <summary>Removes a leading <c>[host]:line: </c>: the position of the host's prelude means nothing to a script.</summary>
    public static string WithoutHostPosition(string message) =>
        message.StartsWith(HostSource + ":", StringComparison.Ordinal) ? WithoutPosition(message) : message;

    /// <summary>Removes the leading <c>path:line: </c> of a Lua message, if it has one.</summary>
    public static string WithoutPosition(string message)
    {
        Match position = Position().Match(message);
        return position.Success ? message[position.Length..] : message;
    }

    /// <summary>
    /// Keeps the script's frames of a Lua traceback: drops C frames, the host's prelude, and
    /// "(...tail calls...)". Null when no script frame is left.
    /// </summary>
    public static string? ScriptFrames(string? rawTraceback)
    {
        if (string.IsNullOrEmpty(rawTraceback)) return null;
        var frames = new StringBuilder();
        foreach (string line in rawTraceback.Split('\n'))
        {
            if (!line.StartsWith('\t')) continue;
            string frame = line[1..];
            if (frame.StartsWith("[C]", StringComparison.Ordinal)) continue;
            if (frame.StartsWith(HostSource + ":", StringComparison.Ordinal)) continue;
            if (frame.StartsWith("(...tail calls...)", StringComparison.Ordinal)) continue;
            frames.Append("\n\t").Append(frame);
        }
        return frames.Length == 0 ? null : "stack traceback:" + frames;
    }

    private static string? HintFor(ScriptErrorKind kind, string message, ScriptHints hints)
    {
        if (kind == ScriptErrorKind.Limit)
        {
            if (message.Contains("time limit", StringComparison.Ordinal))
                return "look for a loop that never ends; running the script and each callback must finish within the time limit";
            if (message.Contains("instruction budget", StringComparison.Ordinal))
                return hints.InstructionBudget;
            if (message.Contains("memory limit", StringComparison.Ordinal))
                return "look for a table or string that keeps growing";
        }
        if (message.Contains("stack overflow", StringComparison.Ordinal))
            return "look for a function that calls itself without end, or data nested too deeply";
        if (kind == ScriptErrorKind.Runtime && message.Contains("attempt to call a nil value (global", StringComparison.Ordinal))
            return hints.UndefinedFunction;
        return kind switch
        {
            ScriptErrorKind.Syntax => "check this line and the one before for a missing ',' between fields, a missing 'end' or an unclosed bracket",
            ScriptErrorKind.Sandbox => hints.Sandbox,
            ScriptErrorKind.Argument => hints.Argument,
            _ => null,
        };
    }
}
