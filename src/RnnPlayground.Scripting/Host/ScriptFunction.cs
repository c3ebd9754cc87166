namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A C# function scripts call, e.g. <c>rnn.nn.lstm</c>. It reads its arguments and pushes its
/// results through <paramref name="call"/>; to refuse, it throws (a <see cref="ScriptArgumentException"/>
/// for a bad argument). It never needs to think about Lua errors: the host catches everything and
/// raises the message at the script's line.
/// </summary>
public delegate void ScriptFunction(ScriptCall call);

/// <summary>A method of a handle kind, called from Lua as <c>handle:name(...)</c>; <paramref name="self"/> is already checked.</summary>
public delegate void ScriptMethod<in T>(T self, ScriptCall call) where T : class;
