using System.Runtime.InteropServices;

namespace RnnPlayground.App;

/// <summary>
/// The process environment as native libraries read it (libc's <c>getenv</c>). On Unix
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's own copy,
/// which a native library such as Mesa never sees; these functions change the real one (and .NET's
/// copy with it). Call them before the library that reads the variable starts.
/// </summary>
internal static partial class NativeEnvironment
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unsetenv(string name);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getenv(string name);

    /// <summary>The variable's value as a native library reads it; null when unset.</summary>
    public static string? Get(string name) =>
        OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringUTF8(getenv(name));

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/> unless it is set already (the user's choice wins); true when set.</summary>
    public static bool SetDefault(string name, string value)
    {
        if (Get(name) is not null) return false;
        if (!OperatingSystem.IsWindows() && setenv(name, value, overwrite: 0) != 0) return false;
        Environment.SetEnvironmentVariable(name, value);
        return true;
    }

    /// <summary>Removes the variable from both environments.</summary>
    public static void Remove(string name)
    {
        if (!OperatingSystem.IsWindows()) _ = unsetenv(name);
        Environment.SetEnvironmentVariable(name, null);
    }
}
