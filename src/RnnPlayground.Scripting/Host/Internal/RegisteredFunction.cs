namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>One C# function reachable from Lua, with the name its messages carry.</summary>
internal sealed class RegisteredFunction(string qualifiedName, ScriptFunction callback, HandleKind? selfKind)
{
    /// <summary>The name errors are prefixed with: <c>rnn.nn.lstm</c>, <c>Model:predict</c>, <c>print</c>.</summary>
    public string QualifiedName { get; } = qualifiedName;

    public ScriptFunction Callback { get; } = callback;

    /// <summary>For a method, the kind argument 1 (self) must be; null for a plain function.</summary>
    public HandleKind? SelfKind { get; } = selfKind;
}
