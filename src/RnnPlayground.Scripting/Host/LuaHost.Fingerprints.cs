using System.Runtime.InteropServices;
using RnnPlayground.Scripting.Host.Internal;
using RnnPlayground.Scripting.Host.Native;

namespace RnnPlayground.Scripting.Host;

public sealed unsafe partial class LuaHost
{
    /// <summary>
    /// A hash of the code of the function in <paramref name="table"/>'s field <paramref name="name"/>
    /// (its bytecode without debug information or line numbers, see <see cref="BytecodeFingerprint"/>: the same for the same code wherever it stands in the
    /// file, different when a statement, constant or nested function changes); null when the field is
    /// not a function. Upvalues' current values are not part of it.
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
            if (LuaApi.RawGet(l, top) != LuaApi.TypeFunction) return null;
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
            return BytecodeFingerprint.Of(chunk.GetBuffer().AsSpan(0, (int)chunk.Length));
        }
        finally
        {
            LuaApi.SetTop(l, top - 1);
        }
    }

    /// <summary>lua_Writer appending each piece of the dump to the stream its handle names.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int CollectChunk(IntPtr l, void* bytes, nuint size, void* stream)
    {
        ((MemoryStream)GCHandle.FromIntPtr((IntPtr)stream).Target!).Write(new ReadOnlySpan<byte>(bytes, checked((int)size)));
        return 0;
    }
}
