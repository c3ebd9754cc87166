namespace RnnPlayground.Scripting.Host;

/// <summary>
/// A kind of opaque handle (e.g. <c>Model</c>): scripts hold full userdata whose metatable the host
/// defines (methods, <c>__tostring</c>, <c>__name</c>, <c>__eq</c>), never the C# object itself.
/// </summary>
public abstract class HandleKind
{
    private protected HandleKind(LuaHost host, string name, int id)
    {
        Host = host;
        Name = name;
        Id = id;
    }

    /// <summary>The kind's name as scripts see it in messages and <c>tostring</c>.</summary>
    public string Name { get; }

    internal LuaHost Host { get; }
    internal int Id { get; }
    internal int MetatableReference { get; set; }
    internal int MethodsReference { get; set; }

    internal abstract Type TargetType { get; }

    internal abstract string Describe(object target);
}

/// <summary>A handle kind whose handles stand for C# objects of type <typeparamref name="T"/>.</summary>
public sealed class HandleKind<T> : HandleKind where T : class
{
    private readonly Func<T, string>? _describe;

    internal HandleKind(LuaHost host, string name, int id, Func<T, string>? describe) : base(host, name, id)
    {
        _describe = describe;
    }

    internal override Type TargetType => typeof(T);

    /// <summary>
    /// Adds a method scripts call as <c>handle:name(...)</c>. Inside, argument positions count from
    /// the first argument after self; errors are prefixed <c>Kind:name</c>.
    /// </summary>
    public void RegisterMethod(string name, ScriptMethod<T> method)
    {
        ArgumentNullException.ThrowIfNull(method);
        Host.RegisterMethod(this, name, call => method(call.Self(this), call));
    }

    internal override string Describe(object target) => _describe is null ? Name : _describe((T)target);
}
