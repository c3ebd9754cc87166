using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

/// <summary>
/// Reads the named fields of a table a script passed (<c>rnn.nn.lstm{input = 4, hidden = 8}</c>).
/// Every field read, required or optional, becomes known; when the host function returns, any
/// other field in the table is refused as unknown, naming the known ones, so a typo such as
/// <c>hiden = 8</c> is an error instead of a silent default. Fields are read raw (metatables are
/// ignored). Messages name the field as <c>'hidden'</c>, or <c>'optimizer.lr'</c> inside a nested table.
/// </summary>
public sealed class ScriptOptions
{
    private readonly LuaHost _host;
    private readonly IntPtr _l;
    private readonly int _index;
    private readonly string _prefix;
    private readonly List<string> _known = [];
    private bool _listRead;

    /// <param name="index">Absolute stack index of the table, or 0 for an absent table (all fields missing).</param>
    internal ScriptOptions(LuaHost host, IntPtr l, int index, string prefix, List<ScriptOptions> scope)
    {
        _host = host;
        _l = l;
        _index = index;
        _prefix = prefix;
        scope.Add(this);
        Scope = scope;
    }

    private List<ScriptOptions> Scope { get; }

    /// <summary>The table's absolute stack index (0 for an absent table).</summary>
    internal int TableIndex => _index;

    /// <summary>The host the table belongs to (for its limits).</summary>
    internal LuaHost Host => _host;

    /// <summary>The field names read so far, in the order they were read.</summary>
    public IReadOnlyList<string> KnownFields => _known;

    /// <summary>True when the field is present (not nil). Marks it known.</summary>
    public bool Has(string name)
    {
        bool present = PushField(name) > LuaApi.TypeNil;
        LuaApi.Pop(_l, 1);
        return present;
    }

    public int RequiredInt(string name, IntRange range) =>
        Read(name, range.Description, required: true, 0, (h, l, i, s) => ValueReader.Int(h, l, i, s, range));

    public int OptionalInt(string name, IntRange range, int defaultValue) =>
        Read(name, range.Description, required: false, defaultValue, (h, l, i, s) => ValueReader.Int(h, l, i, s, range));

    public double RequiredNumber(string name, NumberRange range) =>
        Read(name, range.Description, required: true, 0.0, (h, l, i, s) => ValueReader.Number(h, l, i, s, range));

    public double OptionalNumber(string name, NumberRange range, double defaultValue) =>
        Read(name, range.Description, required: false, defaultValue, (h, l, i, s) => ValueReader.Number(h, l, i, s, range));

    public bool RequiredBool(string name) =>
        Read(name, "true or false", required: true, false, ValueReader.Bool);

    public bool OptionalBool(string name, bool defaultValue) =>
        Read(name, "true or false", required: false, defaultValue, ValueReader.Bool);

    public string RequiredString(string name) =>
        Read(name, "a string", required: true, "", ValueReader.String);

    public string OptionalString(string name, string defaultValue) =>
        Read(name, "a string", required: false, defaultValue, ValueReader.String);

    /// <summary>A string that must be one of <paramref name="allowed"/>; the message lists them and suggests the closest.</summary>
    public string RequiredOneOf(string name, IReadOnlyList<string> allowed) =>
        Read(name, OneOfText(allowed), required: true, "", (h, l, i, s) => ValueReader.OneOf(h, l, i, s, allowed));

    public string OptionalOneOf(string name, IReadOnlyList<string> allowed, string defaultValue) =>
        Read(name, OneOfText(allowed), required: false, defaultValue, (h, l, i, s) => ValueReader.OneOf(h, l, i, s, allowed));

    /// <summary>A list of numbers (<c>{0.1, 0.2}</c>) as floats.</summary>
    public float[] RequiredFloats(string name) =>
        Read(name, "a list of numbers", required: true, [], ValueReader.Floats);

    public float[]? OptionalFloats(string name) =>
        Read<float[]?>(name, "a list of numbers", required: false, null, ValueReader.Floats);

    /// <summary>A list of numbers (<c>{0.7, 0.15}</c>) as doubles, as Lua holds them.</summary>
    public double[]? OptionalNumbers(string name) =>
        Read<double[]?>(name, "a list of numbers", required: false, null, ValueReader.Numbers);

    public string[] RequiredStrings(string name) =>
        Read(name, "a list of strings", required: true, [], ValueReader.Strings);

    public string[]? OptionalStrings(string name) =>
        Read<string[]?>(name, "a list of strings", required: false, null, ValueReader.Strings);

    public T RequiredHandle<T>(string name, HandleKind<T> kind) where T : class =>
        Read(name, $"a {kind.Name} handle", required: true, null!, (h, l, i, s) => ValueReader.Handle(h, l, i, s, kind));

    public T? OptionalHandle<T>(string name, HandleKind<T> kind) where T : class =>
        Read<T?>(name, $"a {kind.Name} handle", required: false, null, (h, l, i, s) => ValueReader.Handle(h, l, i, s, kind));

    /// <summary>True when the field holds a table. Marks it known.</summary>
    public bool IsTable(string name) => FieldType(name) == LuaApi.TypeTable;

    /// <summary>True when the field holds a string (not a number). Marks it known.</summary>
    public bool IsString(string name) => FieldType(name) == LuaApi.TypeString;

    private int FieldType(string name)
    {
        int type = PushField(name);
        LuaApi.Pop(_l, 1);
        return type;
    }

    /// <summary>True when the field holds a handle of <paramref name="kind"/> (say, to tell which kind of experiment a table describes). Marks it known.</summary>
    public bool IsHandle<T>(string name, HandleKind<T> kind) where T : class =>
        Read(name, $"a {kind.Name} handle", required: false, false, (h, l, i, _) => h.TryGetHandle(l, i, kind, out T? _));

    /// <summary>A nested table of options, checked the same way (<c>optimizer = {lr = 0.01}</c>).</summary>
    public ScriptOptions RequiredTable(string name) => Nested(name, required: true);

    /// <summary>A nested table of options; when absent, a reader on which every field is missing.</summary>
    public ScriptOptions OptionalTable(string name) => Nested(name, required: false);

    /// <summary>
    /// The table's list part (<c>t[1] … t[n]</c>) as handles of <paramref name="kind"/>, e.g. the
    /// layers of <c>rnn.nn.sequential{ rnn.nn.lstm{…}, rnn.nn.linear{…}, head = 'last' }</c>;
    /// the list entries then count as known fields.
    /// </summary>
    public IReadOnlyList<T> ListHandles<T>(HandleKind<T> kind, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        _listRead = true;
        var items = new List<T>();
        if (_index == 0) return items;
        long n = (long)LuaApi.RawLength(_l, _index);
        if (LuaApi.CheckStack(_l, 3) == 0) throw new ScriptArgumentException("the Lua stack is full");
        for (long i = 1; i <= n; i++)
        {
            LuaApi.RawGetInteger(_l, _index, i);
            try
            {
                items.Add(ValueReader.Handle(_host, _l, LuaApi.GetTop(_l), $"{what} {i}", kind));
            }
            finally
            {
                LuaApi.Pop(_l, 1);
            }
        }
        return items;
    }

    /// <summary>
    /// A list of tables in field <paramref name="name"/> (<c>variants = { {…}, {…} }</c>), each read
    /// with the same checks (messages name <c>'variants[2].lr'</c>); empty when absent.
    /// </summary>
    public IReadOnlyList<ScriptOptions> OptionalTableList(string name)
    {
        int type = PushField(name);
        string subject = Subject(name);
        if (type <= LuaApi.TypeNil)
        {
            LuaApi.Pop(_l, 1);
            return [];
        }
        int list = LuaApi.GetTop(_l);
        ValueReader.RequireTable(_host, _l, list, subject, "a list of tables");
        long n = (long)LuaApi.RawLength(_l, list);
        var items = new List<ScriptOptions>();
        for (long i = 1; i <= n; i++)
        {
            if (LuaApi.CheckStack(_l, 3) == 0) throw new ScriptArgumentException("the Lua stack is full");
            LuaApi.RawGetInteger(_l, list, i);
            int index = LuaApi.GetTop(_l);
            string item = $"{subject.Trim('\'')}[{i}]";
            ValueReader.RequireTable(_host, _l, index, $"'{item}'", "a table");
            // Each item stays on the stack until the host function returns, as nested tables do.
            items.Add(new ScriptOptions(_host, _l, index, item + ".", Scope));
        }
        return items;
    }

    /// <summary>
    /// A list in field <paramref name="name"/> whose items are each a number, a list of numbers or a
    /// list of equally long lists (<c>inputs = { {{0, 1}, {1, 0}}, … }</c>); messages name
    /// <c>inputs[3][2]</c>.
    /// </summary>
    public IReadOnlyList<ScriptNumbers> RequiredNumbersList(string name)
    {
        int type = PushField(name);
        try
        {
            if (type <= LuaApi.TypeNil) throw MissingField(name, "a list");
            int list = LuaApi.GetTop(_l);
            string subject = Subject(name).Trim('\'');
            ValueReader.RequireTable(_host, _l, list, Subject(name), "a list");
            long n = (long)LuaApi.RawLength(_l, list);
            var items = new List<ScriptNumbers>((int)Math.Min(n, 1 << 20));
            if (LuaApi.CheckStack(_l, 3) == 0) throw new ScriptArgumentException("the Lua stack is full");
            for (long i = 1; i <= n; i++)
            {
                LuaApi.RawGetInteger(_l, list, i);
                try
                {
                    items.Add(NumbersReader.Read(_host, _l, LuaApi.GetTop(_l), $"{subject}[{i}]"));
                }
                finally
                {
                    LuaApi.Pop(_l, 1);
                }
            }
            return items;
        }
        finally
        {
            LuaApi.Pop(_l, 1);
        }
    }

    /// <summary>A Lua function the host may call later (dispose the reference when done).</summary>
    public ScriptFunctionReference RequiredFunction(string name) =>
        Read(name, "a function", required: true, null!, ReadFunction);

    /// <summary>A Lua function the host may call later, or null when the field is absent.</summary>
    public ScriptFunctionReference? OptionalFunction(string name) =>
        Read<ScriptFunctionReference?>(name, "a function", required: false, null, ReadFunction);

    private static ScriptFunctionReference ReadFunction(LuaHost host, IntPtr l, int index, string subject)
    {
        if (LuaApi.Type(l, index) != LuaApi.TypeFunction) throw ValueReader.Wrong(host, l, index, subject, "a function");
        return host.ReferenceFunction(l, index);
    }

    /// <summary>A table of string keys to numbers (<c>{temp = 1, wind = 0.5}</c>).</summary>
    public IReadOnlyDictionary<string, double>? OptionalNumberTable(string name) =>
        Read<IReadOnlyDictionary<string, double>?>(name, "a table of names to numbers", required: false, null, ReadNumberTable);

    /// <summary>A table of names to plain values (<c>{lr = 1e-3, cell = 'gru'}</c>), in name order: Lua integers as <see cref="long"/>, other numbers as <see cref="double"/>, strings, booleans.</summary>
    public IReadOnlyDictionary<string, object>? OptionalPlainTable(string name) =>
        Read<IReadOnlyDictionary<string, object>?>(name, "a table of names to numbers, strings or booleans", required: false, null, ValueReader.PlainTable);

    private delegate T Reader<out T>(LuaHost host, IntPtr l, int index, string subject);

    private T Read<T>(string name, string expected, bool required, T defaultValue, Reader<T> read)
    {
        int type = PushField(name);
        try
        {
            if (type <= LuaApi.TypeNil)
            {
                if (required) throw MissingField(name, expected);
                return defaultValue;
            }
            return read(_host, _l, LuaApi.GetTop(_l), Subject(name));
        }
        finally
        {
            LuaApi.Pop(_l, 1);
        }
    }

    private ScriptOptions Nested(string name, bool required)
    {
        int type = PushField(name);
        string subject = Subject(name);
        if (type <= LuaApi.TypeNil)
        {
            LuaApi.Pop(_l, 1);
            if (required) throw MissingField(name, "a table");
            return new ScriptOptions(_host, _l, 0, subject.Trim('\'') + ".", Scope);
        }
        int index = LuaApi.GetTop(_l);
        ValueReader.RequireTable(_host, _l, index, subject, "a table");
        // The nested table stays on the stack until the host function returns.
        return new ScriptOptions(_host, _l, index, subject.Trim('\'') + ".", Scope);
    }

    private static IReadOnlyDictionary<string, double> ReadNumberTable(LuaHost host, IntPtr l, int index, string subject)
    {
        ValueReader.RequireTable(host, l, index, subject, "a table of names to numbers");
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        LuaApi.PushNil(l);
        while (LuaApi.Next(l, index) != 0)
        {
            string? key = LuaApi.ToStringStrict(l, -2);
            if (key is null || LuaApi.Type(l, -1) != LuaApi.TypeNumber)
            {
                string got = $"{LuaText.Describe(host, l, -1)} at [{LuaText.Describe(host, l, -2)}]";
                LuaApi.Pop(l, 2);
                throw new ScriptArgumentException($"{subject} must be a table of names to numbers (got {got})");
            }
            result[key] = LuaApi.ToNumber(l, -1);
            LuaApi.Pop(l, 1);
        }
        return result;
    }

    /// <summary>A required field is missing; if the table has a field spelled close to it, that is probably why.</summary>
    private ScriptArgumentException MissingField(string name, string expected)
    {
        string? typo = null;
        if (_index != 0)
        {
            var present = new List<string>();
            LuaApi.PushNil(_l);
            while (LuaApi.Next(_l, _index) != 0)
            {
                if (LuaApi.ToStringStrict(_l, -2) is { } key && key != name) present.Add(key);
                LuaApi.Pop(_l, 1);
            }
            present.Sort(StringComparer.Ordinal);
            typo = NameSuggestion.Closest(name, present);
        }
        return typo is null
            ? ValueReader.Missing(Subject(name), expected)
            : new ScriptArgumentException($"{Subject(name)} is missing (expected {expected}; the table has '{_prefix}{typo}': a typo?)");
    }

    /// <summary>Refuses any field of the table that no reader asked for.</summary>
    /// <summary>
    /// Refuses now, instead of when the host function returns, every field not read so far: for a
    /// function that reads its options and then does long work (a typo should not wait for it).
    /// </summary>
    /// <exception cref="ScriptArgumentException">The table has a field not read.</exception>
    public void RejectOtherFields() => RejectUnknownFields();

    internal void RejectUnknownFields()
    {
        if (_index == 0) return;
        var unknown = new List<string>();
        LuaApi.PushNil(_l);
        while (LuaApi.Next(_l, _index) != 0)
        {
            string? key = LuaApi.ToStringStrict(_l, -2);
            bool listEntry = _listRead && LuaApi.IsInteger(_l, -2) != 0 && LuaApi.ToInteger(_l, -2) >= 1;
            if (!listEntry && key is null) unknown.Add($"[{LuaText.Describe(_host, _l, -2)}]");
            else if (!listEntry && !_known.Contains(key!)) unknown.Add(key!);
            LuaApi.Pop(_l, 1);
        }
        if (unknown.Count == 0) return;
        unknown.Sort(StringComparer.Ordinal);
        string known = _known.Count == 0 ? "none" : string.Join(", ", _known);
        if (unknown.Count == 1)
        {
            string field = unknown[0];
            if (field.StartsWith('['))
                throw new ScriptArgumentException($"unexpected value at {field} in {Where()} (give named fields: {known})");
            string? suggestion = NameSuggestion.Closest(field, _known);
            string meant = suggestion is null ? "" : $"did you mean '{_prefix}{suggestion}'? ";
            throw new ScriptArgumentException($"unknown field '{_prefix}{field}' ({meant}known fields: {known})");
        }
        throw new ScriptArgumentException(
            $"unknown fields {string.Join(", ", unknown.Select(f => f.StartsWith('[') ? f : $"'{_prefix}{f}'"))} (known fields: {known})");
    }

    private string Where() => _prefix.Length == 0 ? "the options" : $"'{_prefix.TrimEnd('.')}'";

    private int PushField(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_known.Contains(name)) _known.Add(name);
        if (LuaApi.CheckStack(_l, 3) == 0) throw new ScriptArgumentException("the Lua stack is full");
        if (_index == 0)
        {
            LuaApi.PushNil(_l);
            return LuaApi.TypeNil;
        }
        _host.PushKey(_l, name);
        return LuaApi.RawGet(_l, _index);
    }

    private string Subject(string name) => $"'{_prefix}{name}'";

    private static string OneOfText(IReadOnlyList<string> allowed) => "one of " + string.Join(", ", allowed.Select(LuaText.Quote));
}
