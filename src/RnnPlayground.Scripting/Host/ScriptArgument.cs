namespace RnnPlayground.Scripting.Host;

/// <summary>
/// One argument of a call into script code: a number, a string, or a value the host keeps (a
/// <see cref="ScriptReference"/> such as a <see cref="ScriptValue"/> from <see cref="LuaHost.KeepHandle{T}"/>). Converts implicitly.
/// </summary>
public readonly struct ScriptArgument
{
    private ScriptArgument(double number, string? text, ScriptReference? reference)
    {
        Number = number;
        Text = text;
        Reference = reference;
    }

    internal double Number { get; }

    internal string? Text { get; }

    internal ScriptReference? Reference { get; }

    public static implicit operator ScriptArgument(double number) => new(number, null, null);

    public static implicit operator ScriptArgument(string text) => new(0, text ?? throw new ArgumentNullException(nameof(text)), null);

    public static implicit operator ScriptArgument(ScriptReference reference) => new(0, null, reference ?? throw new ArgumentNullException(nameof(reference)));
}
