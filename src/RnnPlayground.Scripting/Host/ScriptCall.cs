using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

/// <summary>
/// One call from a script into a <see cref="ScriptFunction"/>: reads the arguments (positions
/// count from 1; for a method, from the first argument after self) and collects the results, in
/// the order the Return methods are called. Valid only while the function runs. Every reader
/// throws a <see cref="ScriptArgumentException"/> in the house format
/// (<c>argument #1 'steps' must be a positive integer (got -3)</c>); the host adds the function's
/// name and the script's position.
/// </summary>
public sealed class ScriptCall
{
    private readonly LuaHost _host;
    private readonly List<int> _results = [];
    private readonly List<ScriptOptions> _options = [];
    private IntPtr _l;
    private int _argumentCount;
    private int _offset;
    private bool _active;
    private RegisteredFunction? _function;

    internal ScriptCall(LuaHost host)
    {
        _host = host;
    }

    /// <summary>The host the call came through.</summary>
    public LuaHost Host => _host;

    /// <summary>What the script may read and write; check every path a script gives.</summary>
    public FileAccessPolicy Files => _host.Files;

    /// <summary>The name errors carry, e.g. <c>rnn.nn.lstm</c> or <c>Model:predict</c>.</summary>
    public string FunctionName => Registered.QualifiedName;

    /// <summary>
    /// Cancelled when the running call into script code passes its time limit; pass it to every
    /// loop that may run long (the host reports the cancellation as the time-limit error).
    /// </summary>
    public CancellationToken Cancellation => _host.HostCallCancellation;

    /// <summary>How many arguments the script passed (not counting self).</summary>
    public int ArgumentCount
    {
        get
        {
            CheckActive();
            return Math.Max(0, _argumentCount - _offset);
        }
    }

    private RegisteredFunction Registered => _function ?? throw new InvalidOperationException("a ScriptCall is valid only during the call");

    internal object? SelfTarget { get; private set; }

    internal void Begin(IntPtr l, RegisteredFunction function, int argumentCount)
    {
        _l = l;
        _function = function;
        _argumentCount = argumentCount;
        _offset = function.SelfKind is null ? 0 : 1;
        _results.Clear();
        _options.Clear();
        SelfTarget = null;
        _active = true;
        if (function.SelfKind is { } kind)
        {
            if (!_host.TryGetHandle(l, 1, kind, out object? self))
            {
                string got = argumentCount == 0 ? "nothing" : LuaText.Describe(_host, l, 1);
                throw new ScriptArgumentException(
                    $"expected a {kind.Name} handle as self (got {got}); call methods with ':' as in handle:{function.QualifiedName.Split(':')[^1]}(...)");
            }
            SelfTarget = self;
        }
    }

    internal void End()
    {
        _active = false;
        _function = null;
        SelfTarget = null;
        _l = IntPtr.Zero;
    }

    /// <summary>Checks the options tables for unknown fields, then pushes <c>true, results...</c>; returns how many.</summary>
    internal int Finish()
    {
        foreach (ScriptOptions options in _options) options.RejectUnknownFields();
        if (LuaApi.CheckStack(_l, _results.Count + 1) == 0) throw new ScriptArgumentException("too many results for the Lua stack");
        LuaApi.PushBoolean(_l, 1);
        foreach (int index in _results) LuaApi.PushValue(_l, index);
        return _results.Count + 1;
    }

    internal T Self<T>(HandleKind<T> kind) where T : class
    {
        CheckActive();
        return (T)(SelfTarget ?? throw new InvalidOperationException($"{FunctionName} is not a method of {kind.Name}"));
    }

    /// <summary>True when argument <paramref name="position"/> is a table.</summary>
    public bool IsTable(int position)
    {
        int index = Index(position);
        return !Absent(index) && Native.LuaApi.Type(_l, index) == Native.LuaApi.TypeTable;
    }

    /// <summary>True when argument <paramref name="position"/> was given and is not nil.</summary>
    public bool IsPresent(int position) => !Absent(Index(position));

    public int Int(int position, string name, IntRange range)
    {
        int index = Present(position, name, range.Description);
        return ValueReader.Int(_host, _l, index, Subject(position, name), range);
    }

    public int OptionalInt(int position, string name, IntRange range, int defaultValue) =>
        IsPresent(position) ? Int(position, name, range) : defaultValue;

    public double Number(int position, string name, NumberRange range)
    {
        int index = Present(position, name, range.Description);
        return ValueReader.Number(_host, _l, index, Subject(position, name), range);
    }

    public double OptionalNumber(int position, string name, NumberRange range, double defaultValue) =>
        IsPresent(position) ? Number(position, name, range) : defaultValue;

    public bool Bool(int position, string name)
    {
        int index = Present(position, name, "true or false");
        return ValueReader.Bool(_host, _l, index, Subject(position, name));
    }

    public bool OptionalBool(int position, string name, bool defaultValue) =>
        IsPresent(position) ? Bool(position, name) : defaultValue;

    public string String(int position, string name)
    {
        int index = Present(position, name, "a string");
        return ValueReader.String(_host, _l, index, Subject(position, name));
    }

    public string OptionalString(int position, string name, string defaultValue) =>
        IsPresent(position) ? String(position, name) : defaultValue;

    public string OneOf(int position, string name, IReadOnlyList<string> allowed)
    {
        int index = Present(position, name, "one of " + string.Join(", ", allowed.Select(LuaText.Quote)));
        return ValueReader.OneOf(_host, _l, index, Subject(position, name), allowed);
    }

    /// <summary>A list of numbers as a new float array.</summary>
    public float[] Floats(int position, string name)
    {
        int index = Present(position, name, "a list of numbers");
        return ValueReader.Floats(_host, _l, index, Subject(position, name));
    }

    /// <summary>A list of numbers read into <paramref name="destination"/> without allocating; returns the list's length.</summary>
    public int ReadFloats(int position, string name, Span<float> destination)
    {
        int index = Present(position, name, "a list of numbers");
        return ValueReader.FloatsInto(_host, _l, index, Subject(position, name), destination);
    }

    public string[] Strings(int position, string name)
    {
        int index = Present(position, name, "a list of strings");
        return ValueReader.Strings(_host, _l, index, Subject(position, name));
    }

    public T Handle<T>(int position, string name, HandleKind<T> kind) where T : class
    {
        int index = Present(position, name, $"a {kind.Name} handle");
        return ValueReader.Handle(_host, _l, index, Subject(position, name), kind);
    }

    /// <summary>A Lua function the host may call later (dispose the reference when done).</summary>
    public ScriptFunctionReference Function(int position, string name)
    {
        int index = Present(position, name, "a function");
        if (LuaApi.Type(_l, index) != LuaApi.TypeFunction)
            throw ValueReader.Wrong(_host, _l, index, Subject(position, name), "a function");
        return _host.ReferenceFunction(_l, index);
    }

    /// <summary>
    /// A table of names to plain values at <paramref name="position"/>
    /// (<c>{lr = 3e-3, hidden = 32, cell = 'lstm'}</c>), in name order: Lua integers as
    /// <see cref="long"/>, other numbers as <see cref="double"/>, strings, booleans.
    /// </summary>
    public IReadOnlyDictionary<string, object> PlainTable(int position, string name)
    {
        int index = Present(position, name, "a table");
        return ValueReader.PlainTable(_host, _l, index, Subject(position, name));
    }

    /// <summary>The table of named options at <paramref name="position"/> (<c>rnn.nn.lstm{...}</c> passes it as argument 1).</summary>
    public ScriptOptions Options(int position)
    {
        int index = Index(position);
        if (Absent(index) || LuaApi.Type(_l, index) != LuaApi.TypeTable)
        {
            string got = Absent(index) ? "nil" : LuaText.Describe(_host, _l, index);
            throw new ScriptArgumentException($"argument #{position} must be a table of options (got {got})");
        }
        // Reading the same table twice must share one set of known fields.
        foreach (ScriptOptions existing in _options)
            if (existing.TableIndex == index) return existing;
        return new ScriptOptions(_host, _l, index, "", _options);
    }

    /// <summary>Like <see cref="Options"/>, but an absent argument gives a reader on which every field is missing.</summary>
    public ScriptOptions OptionalOptions(int position) =>
        IsPresent(position) ? Options(position) : new ScriptOptions(_host, _l, 0, "", _options);

    public void Return(long value)
    {
        Reserve();
        LuaApi.PushInteger(_l, value);
        Track();
    }

    public void Return(double value)
    {
        Reserve();
        LuaApi.PushNumber(_l, value);
        Track();
    }

    public void Return(bool value)
    {
        Reserve();
        LuaApi.PushBoolean(_l, value ? 1 : 0);
        Track();
    }

    public void Return(string? value)
    {
        Reserve();
        if (value is null) LuaApi.PushNil(_l);
        else LuaApi.PushString(_l, value);
        Track();
    }

    public void ReturnNil()
    {
        Reserve();
        LuaApi.PushNil(_l);
        Track();
    }

    /// <summary>Returns <paramref name="value"/> to the script as a handle of <paramref name="kind"/>.</summary>
    public void ReturnHandle<T>(HandleKind<T> kind, T value) where T : class
    {
        Reserve();
        _host.PushHandle(_l, kind, value);
        Track();
    }

    /// <summary>Returns a new list of numbers (<c>{...}</c>, 1-based).</summary>
    public void ReturnFloats(ReadOnlySpan<float> values)
    {
        Reserve();
        TableWriting.PushNumberList(_l, values);
        Track();
    }

    /// <summary>Returns a new list of rows (<c>{{...}, ...}</c>), each <paramref name="columns"/> numbers of <paramref name="values"/> (row-major).</summary>
    public void ReturnRows(ReadOnlySpan<float> values, int columns)
    {
        Reserve();
        TableWriting.PushRows(_l, values, columns);
        Track();
    }

    /// <summary>Returns a new table and gives a writer to fill its fields.</summary>
    public ScriptTableWriter ReturnTable(int expectedFields = 0)
    {
        Reserve();
        LuaApi.CreateTable(_l, 0, Math.Max(0, expectedFields));
        Track();
        return new ScriptTableWriter(_host, _l, LuaApi.GetTop(_l));
    }

    private void CheckActive()
    {
        if (!_active) throw new InvalidOperationException("a ScriptCall is valid only during the call");
    }

    private int Index(int position)
    {
        CheckActive();
        if (position < 1) throw new ArgumentOutOfRangeException(nameof(position), position, "argument positions start at 1");
        return position + _offset;
    }

    // Past the last argument the stack holds the host's own values (results, nested tables).
    private bool Absent(int index) => index > _argumentCount || ValueReader.IsAbsent(_l, index);

    private int Present(int position, string name, string expected)
    {
        int index = Index(position);
        if (Absent(index)) throw ValueReader.Missing(Subject(position, name), expected);
        return index;
    }

    private static string Subject(int position, string name) => $"argument #{position} '{name}'";

    private void Reserve()
    {
        CheckActive();
        if (LuaApi.CheckStack(_l, 4) == 0) throw new ScriptArgumentException("too many results for the Lua stack");
    }

    private void Track() => _results.Add(LuaApi.GetTop(_l));
}
