namespace RnnPlayground.Scripting.Host;

/// <summary>
/// The hints a <see cref="LuaHost"/> adds to refusals and errors where it would point scripts at
/// the functions registered on it. The host knows none of their names: whoever registers them
/// says how to point scripts to them (see <see cref="LuaHostOptions.Hints"/>).
/// </summary>
public sealed record ScriptHints
{
    /// <summary>After <c>io.*</c>, <c>dofile</c> and <c>loadfile</c> are refused: how scripts read and write files.</summary>
    public string Files { get; init; } = "files are reached only through the host's functions";

    /// <summary>After <c>package.*</c> and <c>require</c> are refused: where the host's functions are.</summary>
    public string Modules { get; init; } = "the host provides its functions as tables in every script's environment";

    /// <summary>After a call of an undefined global.</summary>
    public string UndefinedFunction { get; init; } = "the function is not defined: check its spelling";

    /// <summary>After the instruction budget runs out.</summary>
    public string InstructionBudget { get; init; } = "look for a loop that never ends";

    /// <summary>After any sandbox refusal.</summary>
    public string Sandbox { get; init; } = "scripts run in a sandbox: files only through the host's functions";

    /// <summary>After a bad argument to a registered function; null for none.</summary>
    public string? Argument { get; init; }
}
