using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

// The trusted prelude (Host/prelude.lua) that builds the scripts' environment, and the host's own
// Lua code it returns (wrappers, the traceback handler, handle metatables, the limit hook).
public sealed unsafe partial class LuaHost
{
    private const string PreludeResource = "RnnPlayground.Scripting.prelude.lua";

    private readonly int _envReference;
    private readonly int _handlerReference;
    private readonly int _preludeArmLimit;
    private readonly int _preludeWrap;
    private readonly int _preludeInstall;
    private readonly int _preludeHandleMethods;
    private readonly int _preludeHandleNewIndex;

    private void RunPrelude()
    {
        using Stream stream = typeof(LuaHost).Assembly.GetManifestResourceStream(PreludeResource)
            ?? throw new InvalidOperationException($"the resource {PreludeResource} is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] source = buffer.ToArray();
        IntPtr l = _main;
        byte[] name = LuaApi.CString("=" + ScriptErrors.HostSource);
        byte[] mode = LuaApi.CString("t");
        int status;
        fixed (byte* s = source)
        fixed (byte* n = name)
        fixed (byte* m = mode)
            status = LuaApi.LoadBuffer(l, s, (nuint)source.Length, n, m);
        if (status != LuaApi.StatusOk) throw new InvalidOperationException("the host prelude does not compile: " + LuaApi.ToText(l, -1));

        LuaApi.CreateTable(l, 0, 4);
        int native = LuaApi.GetTop(l);
        (string Name, ScriptFunction Function)[] natives =
        [
            ("print_line", call => _output.WriteLine(call.String(1, "text"))),
            ("note_sandbox", call => _lastClassified = (call.String(1, "message"), ScriptErrorKind.Sandbox)),
            ("limit_active", call => call.Return(_counters->Tripped != 0 || _counters->MemoryRefused != 0)),
        ];
        foreach ((string nativeName, ScriptFunction function) in natives)
        {
            PushKey(l, nativeName);
            LuaApi.PushInteger(l, AddFunction(new RegisteredFunction(nativeName == "print_line" ? "print" : nativeName, function, null)));
            LuaApi.PushCClosure(l, DispatchPointer, 1);
            LuaApi.RawSet(l, native);
        }
        RegisterPatternNatives(l, native);
        foreach ((string hintName, string hint) in new[] { ("file_hint", _options.Hints.Files), ("module_hint", _options.Hints.Modules) })
        {
            PushKey(l, hintName);
            LuaApi.PushString(l, hint);
            LuaApi.RawSet(l, native);
        }
        CallHostCode(l, 1, 1);
        if (LuaApi.Type(l, -1) != LuaApi.TypeTable) throw new InvalidOperationException("the host prelude must return a table");
    }

    private int ReferenceField(int table, string key)
    {
        PushKey(_main, key);
        if (LuaApi.RawGet(_main, table) <= LuaApi.TypeNil)
            throw new InvalidOperationException($"the host prelude returns no '{key}'");
        return LuaApi.Ref(_main, LuaApi.RegistryIndex);
    }

    /// <summary>Calls a prelude function with one string argument, leaving its result on the stack.</summary>
    private void CallPrelude(int reference, string argument)
    {
        LuaApi.RawGetInteger(_main, LuaApi.RegistryIndex, reference);
        LuaApi.PushString(_main, argument);
        CallHostCode(_main, 1, 1);
    }

    /// <summary>Calls the host's own Lua code (prelude functions); an error there is a bug, not a script mistake.</summary>
    private static void CallHostCode(IntPtr l, int arguments, int results)
    {
        int status = LuaApi.PCall(l, arguments, results, 0);
        if (status != LuaApi.StatusOk)
        {
            string message = LuaApi.ToText(l, -1) ?? "(no message)";
            LuaApi.Pop(l, 1);
            throw new InvalidOperationException(message);
        }
    }
}
