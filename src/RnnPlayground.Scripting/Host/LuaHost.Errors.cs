using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// What a failed protected call becomes: a ScriptException of the right kind, naming the script.
public sealed unsafe partial class LuaHost
{
    private (string Message, ScriptErrorKind Kind)? _lastClassified;

    /// <summary>The exception for a failed protected call, from the handler's <c>{message, traceback}</c> on the stack.</summary>
    private ScriptException BuildError(IntPtr l, int status, LimitKind limit)
    {
        string message;
        string? traceback = null;
        if (LuaApi.Type(l, -1) == LuaApi.TypeTable)
        {
            LuaApi.RawGetInteger(l, -1, 1);
            message = LuaApi.ToStringStrict(l, -1) ?? "(error without a message)";
            LuaApi.RawGetInteger(l, -2, 2);
            traceback = LuaApi.ToStringStrict(l, -1);
            LuaApi.Pop(l, 2);
        }
        else
        {
            message = LuaApi.ToStringStrict(l, -1) ?? "(error without a message)";
        }

        // Where the script was: its innermost frame, else at least the script.
        string? frame = ScriptErrors.InnermostFrame(traceback) ?? _scriptPath;
        string Positioned(string text) => frame is null ? text : $"{frame}: {text}";

        // An error raised in the host's prelude (a wrapper's own argument check) is the script's.
        message = ScriptErrors.WithoutHostPosition(message);
        ScriptErrorKind kind;
        if (limit != LimitKind.None)
        {
            kind = ScriptErrorKind.Limit;
            if (status == LuaApi.StatusMemoryError || !message.Contains(_limitMessages[(int)limit], StringComparison.Ordinal))
                message = Positioned(_limitMessages[(int)limit]);
        }
        else if (_lastClassified is { } classified && ScriptErrors.WithoutPosition(message) == classified.Message)
        {
            kind = classified.Kind;
        }
        else
        {
            kind = ScriptErrorKind.Runtime;
        }
        // A message without a position (a C function's "C stack overflow", or one raised from
        // `return f(x)`, a tail call that drops the script's frame) still names the script.
        if (_scriptPath is not null && ScriptErrors.WithoutPosition(message) == message &&
            !message.StartsWith(_scriptPath + ":", StringComparison.Ordinal))
            message = Positioned(message);
        return ScriptErrors.Create(kind, message, traceback, _scriptPath, _options.Hints);
    }
}
