using System.Runtime.InteropServices;
using System.Text;

namespace RnnPlayground.Scripting.Host.Native;

/// <summary>
/// The few functions of the Lua 5.4 C API the host uses, bound directly to the native library that
/// the KeraLua package ships (<c>liblua54</c>). Raw <see cref="IntPtr"/> states are used so a call
/// arriving on a coroutine needs no wrapper object. None of these may be called where a Lua error
/// could unwind across a .NET frame: the host calls them only outside protected calls, where the
/// allocator never refuses memory, and reads tables only with raw (metamethod-free) access.
/// </summary>
internal static unsafe partial class LuaApi
{
    private const string Library = "lua54";

    public const int RegistryIndex = -1_000_000 - 1000;
    public const int GlobalsRegistryKey = 2;
    public const int MultipleResults = -1;
    public const int NoReference = -2;

    public const int StatusOk = 0;
    public const int StatusYield = 1;
    public const int StatusRuntimeError = 2;
    public const int StatusSyntaxError = 3;
    public const int StatusMemoryError = 4;
    public const int StatusHandlerError = 5;

    public const int TypeNone = -1;
    public const int TypeNil = 0;
    public const int TypeBoolean = 1;
    public const int TypeLightUserData = 2;
    public const int TypeNumber = 3;
    public const int TypeString = 4;
    public const int TypeTable = 5;
    public const int TypeFunction = 6;
    public const int TypeUserData = 7;
    public const int TypeThread = 8;

    public const int HookMaskCount = 1 << 3;

    public const int GcCollect = 2;
    public const int GcCount = 3;
    public const int GcCountBytes = 4;

    public static int UpvalueIndex(int i) => RegistryIndex - i;

    [LibraryImport(Library, EntryPoint = "luaL_newstate")] public static partial IntPtr NewState();
    [LibraryImport(Library, EntryPoint = "lua_close")] public static partial void Close(IntPtr l);
    [LibraryImport(Library, EntryPoint = "lua_getallocf")] public static partial IntPtr GetAllocator(IntPtr l, IntPtr* userData);
    [LibraryImport(Library, EntryPoint = "lua_setallocf")] public static partial void SetAllocator(IntPtr l, IntPtr allocator, IntPtr userData);
    [LibraryImport(Library, EntryPoint = "lua_gc")] public static partial int GarbageCollect(IntPtr l, int what, int data);
    [LibraryImport(Library, EntryPoint = "lua_sethook")] public static partial void SetHook(IntPtr l, IntPtr hook, int mask, int count);
    [LibraryImport(Library, EntryPoint = "luaL_requiref")] public static partial void RequireLibrary(IntPtr l, byte* name, IntPtr open, int global);

    [LibraryImport(Library, EntryPoint = "lua_dump")] public static partial int Dump(IntPtr l, delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, void*, int> writer, void* data, int strip);
    [LibraryImport(Library, EntryPoint = "lua_getupvalue")] public static partial byte* GetUpvalue(IntPtr l, int function, int n);
    [LibraryImport(Library, EntryPoint = "lua_gettop")] public static partial int GetTop(IntPtr l);
    [LibraryImport(Library, EntryPoint = "lua_settop")] public static partial void SetTop(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_absindex")] public static partial int AbsIndex(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_pushvalue")] public static partial void PushValue(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_rotate")] public static partial void Rotate(IntPtr l, int index, int n);
    [LibraryImport(Library, EntryPoint = "lua_checkstack")] public static partial int CheckStack(IntPtr l, int n);

    [LibraryImport(Library, EntryPoint = "lua_type")] public static partial int Type(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_isinteger")] public static partial int IsInteger(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_tonumberx")] public static partial double ToNumber(IntPtr l, int index, int* isNumber);
    [LibraryImport(Library, EntryPoint = "lua_tointegerx")] public static partial long ToInteger(IntPtr l, int index, int* isNumber);
    [LibraryImport(Library, EntryPoint = "lua_toboolean")] public static partial int ToBoolean(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_tolstring")] public static partial byte* ToLString(IntPtr l, int index, nuint* length);
    [LibraryImport(Library, EntryPoint = "lua_touserdata")] public static partial void* ToUserData(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_rawlen")] public static partial ulong RawLength(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_rawequal")] public static partial int RawEqual(IntPtr l, int index1, int index2);

    [LibraryImport(Library, EntryPoint = "lua_pushnil")] public static partial void PushNil(IntPtr l);
    [LibraryImport(Library, EntryPoint = "lua_pushnumber")] public static partial void PushNumber(IntPtr l, double n);
    [LibraryImport(Library, EntryPoint = "lua_pushinteger")] public static partial void PushInteger(IntPtr l, long n);
    [LibraryImport(Library, EntryPoint = "lua_pushlstring")] public static partial byte* PushLString(IntPtr l, byte* s, nuint length);
    [LibraryImport(Library, EntryPoint = "lua_pushboolean")] public static partial void PushBoolean(IntPtr l, int b);
    [LibraryImport(Library, EntryPoint = "lua_pushcclosure")] public static partial void PushCClosure(IntPtr l, IntPtr function, int upvalues);

    [LibraryImport(Library, EntryPoint = "lua_rawget")] public static partial int RawGet(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_rawgeti")] public static partial int RawGetInteger(IntPtr l, int index, long n);
    [LibraryImport(Library, EntryPoint = "lua_rawset")] public static partial void RawSet(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_rawseti")] public static partial void RawSetInteger(IntPtr l, int index, long n);
    [LibraryImport(Library, EntryPoint = "lua_createtable")] public static partial void CreateTable(IntPtr l, int arrayCount, int recordCount);
    [LibraryImport(Library, EntryPoint = "lua_newuserdatauv")] public static partial void* NewUserData(IntPtr l, nuint size, int userValues);
    [LibraryImport(Library, EntryPoint = "lua_getmetatable")] public static partial int GetMetatable(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_setmetatable")] public static partial int SetMetatable(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_next")] public static partial int Next(IntPtr l, int index);
    [LibraryImport(Library, EntryPoint = "lua_setupvalue")] public static partial byte* SetUpvalue(IntPtr l, int function, int n);

    [LibraryImport(Library, EntryPoint = "lua_pcallk")] public static partial int PCall(IntPtr l, int arguments, int results, int handler, IntPtr context, IntPtr continuation);
    [LibraryImport(Library, EntryPoint = "luaL_loadbufferx")] public static partial int LoadBuffer(IntPtr l, byte* buffer, nuint size, byte* name, byte* mode);
    [LibraryImport(Library, EntryPoint = "lua_getinfo")] public static partial int GetInfo(IntPtr l, byte* what, byte* debugRecord);
    [LibraryImport(Library, EntryPoint = "luaL_ref")] public static partial int Ref(IntPtr l, int table);
    [LibraryImport(Library, EntryPoint = "luaL_unref")] public static partial void Unref(IntPtr l, int table, int reference);

    /// <summary>The address of an exported function of the native library (e.g. <c>luaopen_base</c>).</summary>
    public static IntPtr Export(string name) => NativeLibrary.GetExport(LibraryHandle.Value, name);

    private static readonly Lazy<IntPtr> LibraryHandle = new(() => NativeLibrary.Load(Library, typeof(LuaApi).Assembly, null));

    public static double ToNumber(IntPtr l, int index) => ToNumber(l, index, null);

    public static long ToInteger(IntPtr l, int index) => ToInteger(l, index, null);

    public static void Pop(IntPtr l, int n) => SetTop(l, -n - 1);

    /// <summary>Moves the top element into <paramref name="index"/>, shifting up the elements above it.</summary>
    public static void Insert(IntPtr l, int index) => Rotate(l, index, 1);

    public static int PCall(IntPtr l, int arguments, int results, int handler) =>
        PCall(l, arguments, results, handler, IntPtr.Zero, IntPtr.Zero);

    /// <summary>Pushes <paramref name="text"/> as a UTF-8 Lua string.</summary>
    public static void PushString(IntPtr l, string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 512)
        {
            byte* buffer = stackalloc byte[max];
            int length = Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, max));
            PushLString(l, buffer, (nuint)length);
        }
        else
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            fixed (byte* p = bytes) PushLString(l, p, (nuint)bytes.Length);
        }
    }

    /// <summary>Pushes an already encoded UTF-8 string.</summary>
    public static void PushUtf8(IntPtr l, byte[] utf8)
    {
        fixed (byte* p = utf8) PushLString(l, p, (nuint)utf8.Length);
    }

    /// <summary>
    /// The string at <paramref name="index"/> decoded as UTF-8, or null when the value is neither a
    /// string nor a number. A number is converted in place, as lua_tolstring does.
    /// </summary>
    public static string? ToText(IntPtr l, int index)
    {
        nuint length;
        byte* p = ToLString(l, index, &length);
        return p == null ? null : Encoding.UTF8.GetString(p, checked((int)length));
    }

    /// <summary>Reads the string at <paramref name="index"/> only if it is a real string (no number conversion).</summary>
    public static string? ToStringStrict(IntPtr l, int index) =>
        Type(l, index) == TypeString ? ToText(l, index) : null;

    /// <summary>Null-terminated UTF-8 bytes for API calls that take a C string.</summary>
    public static byte[] CString(string text)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    public static string TypeName(int type) => type switch
    {
        TypeNone => "no value",
        TypeNil => "nil",
        TypeBoolean => "boolean",
        TypeLightUserData => "userdata",
        TypeNumber => "number",
        TypeString => "string",
        TypeTable => "table",
        TypeFunction => "function",
        TypeUserData => "userdata",
        TypeThread => "thread",
        _ => "unknown",
    };
}
