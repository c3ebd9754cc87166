using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// Opaque handles: a full userdata holds only an id; the C# object stays in the host's table.
public sealed unsafe partial class LuaHost
{
    [StructLayout(LayoutKind.Sequential)]
    private struct HandleCell
    {
        public long Id;
        public int KindId;
        public int Reserved;
    }

    private readonly record struct HandleEntry(object Target, int KindId, IntPtr Cell);

    private readonly Dictionary<long, HandleEntry> _handles = [];
    private readonly List<HandleKind> _kinds = [];
    private long _lastHandleId;

    /// <summary>How many handles scripts may still reach (released when Lua collects them, and on dispose).</summary>
    public int LiveHandleCount => _handles.Count;

    /// <summary>
    /// Declares a kind of handle. Scripts see handles of it as opaque values with the methods
    /// registered on the returned kind, <c>tostring</c> giving <paramref name="describe"/>'s text (or
    /// the name), and <c>==</c> true for two handles of the same object.
    /// </summary>
    /// <param name="name">The name in messages and <c>tostring</c>, e.g. "Model".</param>
    public HandleKind<T> RegisterHandleKind<T>(string name, Func<T, string>? describe = null) where T : class
    {
        ThrowIfDisposed();
        CheckName(name, nameof(name));
        if (_kinds.Any(k => k.Name == name))
            throw new InvalidOperationException($"a handle kind named '{name}' is already registered");
        var kind = new HandleKind<T>(this, name, _kinds.Count, describe);
        IntPtr l = _main;
        int top = LuaApi.GetTop(l);
        try
        {
            LuaApi.CreateTable(l, 0, 8);
            int metatable = LuaApi.GetTop(l);
            SetField(l, metatable, "__name", () => LuaApi.PushString(l, name));
            SetField(l, metatable, "__index", () =>
            {
                CallPrelude(_preludeHandleMethods, name);
                LuaApi.PushValue(l, -1);
                kind.MethodsReference = LuaApi.Ref(l, LuaApi.RegistryIndex);
            });
            SetField(l, metatable, "__newindex", () => CallPrelude(_preludeHandleNewIndex, name));
            SetField(l, metatable, "__tostring", () => LuaApi.PushCClosure(l, HandleToStringPointer, 0));
            SetField(l, metatable, "__eq", () => LuaApi.PushCClosure(l, HandleEqualsPointer, 0));
            SetField(l, metatable, "__gc", () => LuaApi.PushCClosure(l, HandleReleasePointer, 0));
            SetField(l, metatable, "__metatable", () => LuaApi.PushBoolean(l, 0));
            LuaApi.PushValue(l, metatable);
            kind.MetatableReference = LuaApi.Ref(l, LuaApi.RegistryIndex);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
        _kinds.Add(kind);
        return kind;
    }

    internal void RegisterMethod(HandleKind kind, string name, ScriptFunction method)
    {
        ThrowIfDisposed();
        CheckName(name, nameof(name));
        IntPtr l = _main;
        int top = LuaApi.GetTop(l);
        try
        {
            LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, kind.MethodsReference);
            int methods = LuaApi.GetTop(l);
            PushKey(l, name);
            if (LuaApi.RawGet(l, methods) != LuaApi.TypeNil)
                throw new InvalidOperationException($"{kind.Name}:{name} is already registered");
            LuaApi.Pop(l, 1);
            int id = AddFunction(new RegisteredFunction($"{kind.Name}:{name}", method, kind));
            PushKey(l, name);
            PushWrappedFunction(l, id);
            LuaApi.RawSet(l, methods);
        }
        finally
        {
            LuaApi.SetTop(l, top);
        }
    }

    internal void PushHandle<T>(IntPtr l, HandleKind<T> kind, T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        if (kind.Host != this) throw new ArgumentException($"the handle kind '{kind.Name}' belongs to another host", nameof(kind));
        var cell = (HandleCell*)LuaApi.NewUserData(l, (nuint)sizeof(HandleCell), 0);
        long id = ++_lastHandleId;
        cell->Id = id;
        cell->KindId = kind.Id;
        cell->Reserved = 0;
        LuaApi.RawGetInteger(l, LuaApi.RegistryIndex, kind.MetatableReference);
        LuaApi.SetMetatable(l, -2);
        _handles[id] = new HandleEntry(value, kind.Id, (IntPtr)cell);
    }

    internal bool TryGetHandle<T>(IntPtr l, int index, HandleKind<T> kind, [NotNullWhen(true)] out T? target) where T : class
    {
        bool found = TryGetHandle(l, index, (HandleKind)kind, out object? value);
        target = value as T;
        return found && target is not null;
    }

    internal bool TryGetHandle(IntPtr l, int index, HandleKind kind, [NotNullWhen(true)] out object? target)
    {
        if (TryGetEntry(l, index, out HandleEntry entry) && entry.KindId == kind.Id)
        {
            target = entry.Target;
            return true;
        }
        target = null;
        return false;
    }

    /// <summary>The kind name of the handle at <paramref name="index"/>, or null when it is none of this host's.</summary>
    internal string? HandleKindNameAt(IntPtr l, int index) =>
        TryGetEntry(l, index, out HandleEntry entry) ? _kinds[entry.KindId].Name : null;

    internal object? HandleTargetAt(IntPtr l, int index) =>
        TryGetEntry(l, index, out HandleEntry entry) ? entry.Target : null;

    private string DescribeHandle(IntPtr l, int index)
    {
        if (!TryGetEntry(l, index, out HandleEntry entry)) return "handle (released)";
        HandleKind kind = _kinds[entry.KindId];
        try
        {
            return kind.Describe(entry.Target);
        }
        catch (Exception)
        {
            return kind.Name;
        }
    }

    private bool HandlesEqual(IntPtr l, int first, int second) =>
        TryGetEntry(l, first, out HandleEntry a) && TryGetEntry(l, second, out HandleEntry b) &&
        ReferenceEquals(a.Target, b.Target);

    private void ReleaseHandle(IntPtr l, int index)
    {
        if (LuaApi.Type(l, index) != LuaApi.TypeUserData) return;
        var cell = (HandleCell*)LuaApi.ToUserData(l, index);
        if (cell != null && _handles.TryGetValue(cell->Id, out HandleEntry entry) && entry.Cell == (IntPtr)cell)
            _handles.Remove(cell->Id);
    }

    // Every full userdata in this state is a handle cell: the host opens no library that makes others.
    private bool TryGetEntry(IntPtr l, int index, out HandleEntry entry)
    {
        entry = default;
        if (LuaApi.Type(l, index) != LuaApi.TypeUserData) return false;
        var cell = (HandleCell*)LuaApi.ToUserData(l, index);
        return cell != null && _handles.TryGetValue(cell->Id, out entry) && entry.Cell == (IntPtr)cell;
    }

    private void SetField(IntPtr l, int table, string key, Action pushValue)
    {
        PushKey(l, key);
        pushValue();
        LuaApi.RawSet(l, table);
    }
}
