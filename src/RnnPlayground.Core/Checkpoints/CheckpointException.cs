namespace RnnPlayground.Core.Checkpoints;

/// <summary>A checkpoint or weights file that cannot be used: truncated, corrupted or made for another model.</summary>
public sealed class CheckpointException : IOException
{
    public CheckpointException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        FilePath = path;
        Reason = reason;
    }

    public string FilePath { get; }

    public string Reason { get; }
}
