using System.Runtime.InteropServices;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

public sealed unsafe partial class LuaHost
{
    /// <summary>Nested functions followed through upvalues (a helper a callback calls, and the helpers it calls).</summary>
    private const int FingerprintDepth = 3;

    /// <summary>
    /// A hash of what the function in <paramref name="table"/>'s field <paramref name="name"/> does:
    /// its code (bytecode without debug information or line numbers, see <see cref="BytecodeFingerprint"/>:
    /// the same for the same code wherever it stands in the file, different when a statement,
    /// constant or nested function changes) and the numbers, strings and booleans it reads from
    /// enclosing locals, with the functions it reads from them in the same way. Tables it reads are
    /// state, not code, and are left out. Null when the field is not a function.
    /// </summary>
    internal ulong? FunctionFingerprint(ScriptTable table, string name)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(name);
        IntPtr l = PushReferenced(table.Reference);
        int top = LuaApi.GetTop(l);
        try
        {
            PushKey(l, name);
            return LuaApi.RawGet(l, top) == LuaApi.TypeFunction ? FingerprintOfTop(l, 0) : null;
        }
        finally
        {
            LuaApi.SetTop(l, top - 1);
        }
    }

    /// <summary>The same as <see cref="FunctionFingerprint(ScriptTable, string)"/> for a function kept by reference.</summary>
    internal ulong FunctionFingerprint(ScriptFunctionReference function)
    {
        ArgumentNullException.ThrowIfNull(function);
        IntPtr l = PushReferenced(function.Reference);
        try
        {
            return FingerprintOfTop(l, 0);
        }
        finally
        {
            LuaApi.SetTop(l, -2);
        }
    }

    /// <summary>Fingerprints the function on top of the stack (left there).</summary>
    private static ulong FingerprintOfTop(IntPtr l, int depth)
    {
        var chunk = new MemoryStream();
        GCHandle handle = GCHandle.Alloc(chunk);
        try
        {
            LuaApi.Dump(l, &CollectChunk, (void*)GCHandle.ToIntPtr(handle), 1);
        }
        finally
        {
            handle.Free();
        }
        ulong h = BytecodeFingerprint.Of(chunk.GetBuffer().AsSpan(0, (int)chunk.Length));
        if (LuaApi.CheckStack(l, 4) == 0) return h;
        int function = LuaApi.GetTop(l);
        for (int n = 1; LuaApi.GetUpvalue(l, function, n) != null; n++)
        {
            int type = LuaApi.Type(l, -1);
            h = BytecodeFingerprint.Mix(h, (ulong)type);
            if (type == LuaApi.TypeNumber)
            {
                h = BytecodeFingerprint.Mix(h, LuaApi.IsInteger(l, -1) != 0 ? (ulong)LuaApi.ToInteger(l, -1) : BitConverter.DoubleToUInt64Bits(LuaApi.ToNumber(l, -1)));
            }
            else if (type == LuaApi.TypeBoolean)
            {
                h = BytecodeFingerprint.Mix(h, (ulong)LuaApi.ToBoolean(l, -1));
            }
            else if (type == LuaApi.TypeString)
            {
                nuint length;
                byte* text = LuaApi.ToLString(l, -1, &length);
                h = BytecodeFingerprint.Mix(h, BytecodeFingerprint.Of(new ReadOnlySpan<byte>(text, checked((int)length))));
            }
            else if (type == LuaApi.TypeFunction && depth < FingerprintDepth)
            {
                h = BytecodeFingerprint.Mix(h, FingerprintOfTop(l, depth + 1));
            }
            LuaApi.SetTop(l, -2);
        }
        return h;
    }

    /// <summary>lua_Writer appending each piece of the dump to the stream its handle names.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int CollectChunk(IntPtr l, void* bytes, nuint size, void* stream)
    {
        ((MemoryStream)GCHandle.FromIntPtr((IntPtr)stream).Target!).Write(new ReadOnlySpan<byte>(bytes, checked((int)size)));
        return 0;
    }
}
