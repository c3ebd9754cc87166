namespace RnnPlayground.Scripting.Host;

/// <summary>What went wrong in a script, as far as the host can tell.</summary>
public enum ScriptErrorKind
{
    /// <summary>The script does not compile (or is not a text chunk).</summary>
    Syntax,

    /// <summary>An error raised while the script ran: <c>error(...)</c>, arithmetic on nil, a failing host call…</summary>
    Runtime,

    /// <summary>A host function refused one of its arguments (wrong type, out of range, unknown field…).</summary>
    Argument,

    /// <summary>The script reached for something the sandbox withholds (<c>io</c>, <c>os.execute</c>, a file outside its folders…).</summary>
    Sandbox,

    /// <summary>The script exceeded its time limit, instruction budget or memory limit and was stopped.</summary>
    Limit,
}
