namespace RnnPlayground.Scripting.Host;

/// <summary>What a call into script code came to.</summary>
/// <param name="WasDefined">False when the callback is not defined (nothing was called; not an error).</param>
/// <param name="Error">The script's error, or null.</param>
/// <param name="ReturnValue">
/// The first value returned: null (nil or nothing), <see cref="bool"/>, <see cref="long"/> (an
/// integer), <see cref="double"/>, <see cref="string"/>, or the C# object of a handle; a table or
/// function comes back as null.
/// </param>
public readonly record struct ScriptCallResult(bool WasDefined, ScriptException? Error, object? ReturnValue)
{
    /// <summary>True unless the script raised an error.</summary>
    public bool Succeeded => Error is null;

    internal static ScriptCallResult NotDefined => new(false, null, null);
}
