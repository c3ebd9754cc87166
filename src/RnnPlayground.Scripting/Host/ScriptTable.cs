namespace RnnPlayground.Scripting.Host;

/// <summary>A Lua table held by the host, such as the experiment table a script returns.</summary>
public sealed class ScriptTable : ScriptReference
{
    internal ScriptTable(LuaHost host, int reference) : base(host, reference) { }

    /// <summary>True when the table has a function in field <paramref name="name"/> (a callback the script defines).</summary>
    public bool HasFunction(string name) => Host.TableHasFunction(this, name);

    /// <summary>A hash of the code of the function in field <paramref name="name"/> (see <see cref="LuaHost.FunctionFingerprint"/>); null when it is not a function.</summary>
    public ulong? FunctionFingerprint(string name) => Host.FunctionFingerprint(this, name);

    /// <summary>
    /// Reads the table's fields with the same checks and messages as a host function's options,
    /// including the refusal of unknown fields: <c>scripts/x.lua: experiment: unknown field 'modle' …</c>.
    /// A refused field throws a <see cref="ScriptException"/> of kind <see cref="ScriptErrorKind.Argument"/>.
    /// </summary>
    /// <param name="what">How the message names the table, e.g. "experiment".</param>
    public T Read<T>(string what, Func<ScriptOptions, T> read) => Host.ReadTable(this, what, read);
}
