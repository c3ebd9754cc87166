using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>Files as bindings name them to scripts.</summary>
internal static class ScriptPaths
{
    /// <summary>A file as a user should see it (e.g. out/run/final.safetensors): <see cref="FileAccessPolicy.Show"/> without the folder's trailing separator.</summary>
    public static string ShowFile(FileAccessPolicy files, string fullPath) => files.Show(fullPath).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>
    /// Where <c>rnn.load</c> reads <paramref name="path"/>: in the output folder, where <c>rnn.save</c>
    /// writes (relative paths start there, as for <c>rnn.save</c>), when the file is there; else under
    /// the readable folders (relative paths from the script's folder), as every read.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The path is in none of these folders.</exception>
    /// <exception cref="ScriptArgumentException">There is no such file.</exception>
    public static string ResolveSaved(FileAccessPolicy files, string path)
    {
        if (files.WriteRoot is not null)
        {
            try
            {
                string written = files.ResolveWrite(path);
                if (File.Exists(written)) return written;
            }
            catch (UnauthorizedAccessException)
            {
                // Not under the output folder: it may still be readable, checked next.
            }
        }
        string read = files.ResolveRead(path);
        if (!File.Exists(read))
            throw new ScriptArgumentException($"no file '{path}' in the output folder{(files.WriteRoot is null ? " (this run has none)" : "")} or at {ShowFile(files, read)}");
        return read;
    }
}
