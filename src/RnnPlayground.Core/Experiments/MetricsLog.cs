using System.Globalization;
using System.Text;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Experiments;

/// <summary>
/// metrics.csv of a run: one row per training step (step, epoch, loss, lr, grad_norm, clipped)
/// with the validation scores on the rows where an evaluation ran (empty elsewhere). Rows reach
/// the file whole (collected, then written in one call), so a killed run never leaves half a row;
/// <see cref="Flush"/> before each checkpoint makes the file hold at least the checkpoint's rows.
/// A resumed run keeps the rows up to its checkpoint's step and appends after them.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    public const string Header = "step,epoch,loss,lr,grad_norm,clipped,val_loss,val_accuracy,val_mae,val_rmse";
    private const int WriteThreshold = 64 * 1024;
    private readonly FileStream _file;
    private readonly StringBuilder _pending = new();

    /// <summary>Starts a new metrics.csv at <paramref name="path"/> (replacing one that exists).</summary>
    /// <exception cref="IOException">The file cannot be written, with its path and why.</exception>
    public MetricsLog(string path)
        : this(path, Open(path, FileMode.Create))
    {
        _pending.Append(Header).Append('\n');
        Flush(toDisk: false);
    }

    private MetricsLog(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    public string Path { get; }

    /// <summary>
    /// Continues the metrics of a run resumed at <paramref name="step"/>: the rows up to that step
    /// from <paramref name="earlier"/> (the metrics.csv beside the checkpoint; may be
    /// <paramref name="path"/> itself) are kept, later and torn rows dropped, and new rows appended.
    /// Without an earlier file the log starts afresh.
    /// </summary>
    /// <exception cref="IOException">A file cannot be read or written, or the earlier one is not a metrics.csv.</exception>
    public static MetricsLog Resume(string path, string? earlier, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (earlier is null || !File.Exists(earlier)) return new MetricsLog(path);
        byte[] kept = KeptRows(earlier, step);
        bool same = string.Equals(System.IO.Path.GetFullPath(earlier), System.IO.Path.GetFullPath(path), StringComparison.Ordinal);
        FileStream file = Open(path, same ? FileMode.Open : FileMode.Create);
        var log = new MetricsLog(path, file);
        log.Guard(() =>
        {
            if (same)
            {
                file.SetLength(kept.Length);
                file.Seek(0, SeekOrigin.End);
            }
            else
            {
                file.Write(kept);
            }
            file.Flush(flushToDisk: true);
        });
        return log;
    }

    /// <summary>The header and the whole rows of <paramref name="path"/> up to <paramref name="step"/>, as bytes.</summary>
    private static byte[] KeptRows(string path, long step)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot read the earlier metrics: {Reason(e)}", e);
        }
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        if (end < 0 || text[..end] != Header)
            throw new IOException($"{path}: is not a metrics.csv of this version (its first line is not '{Header}'); move it away to resume");
        int keep = end + 1;
        while (keep < text.Length)
        {
            int next = text.IndexOf('\n', keep);
            if (next < 0) break; // a torn last row
            int comma = text.IndexOf(',', keep, next - keep);
            if (comma < 0 || !long.TryParse(text.AsSpan(keep, comma - keep), NumberStyles.None, CultureInfo.InvariantCulture, out long rowStep)
                || rowStep > step)
                break;
            keep = next + 1;
        }
        return Encoding.UTF8.GetBytes(text[..keep]);
    }

    /// <summary>Adds a step's row; rows are written in batches and on <see cref="Flush"/>.</summary>
    /// <exception cref="IOException">The file cannot be written (a full disk), with its path.</exception>
    public void Write(in StepResult step, EvaluationResult? validation)
    {
        var c = CultureInfo.InvariantCulture;
        _pending.Append(c, $"{step.Step},{step.Epoch},{step.Loss.Total:R},{step.LearningRate:R},{step.GradientNorm:R},{(step.Clipped ? 1 : 0)},");
        if (validation is not null)
            _pending.Append(c, $"{Cell(validation.Loss)},{Cell(validation.Accuracy)},{Cell(validation.MeanAbsoluteError)},{Cell(validation.RootMeanSquaredError)}");
        else
            _pending.Append(",,,");
        _pending.Append('\n');
        if (_pending.Length >= WriteThreshold) Flush(toDisk: false);
    }

    private static string Cell(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes the collected rows in one call; with <paramref name="toDisk"/>, to the disk itself (before a checkpoint).</summary>
    /// <exception cref="IOException">The file cannot be written (a full disk), with its path.</exception>
    public void Flush(bool toDisk = true)
    {
        if (_pending.Length == 0 && !toDisk) return;
        byte[] rows = Encoding.UTF8.GetBytes(_pending.ToString());
        _pending.Clear();
        Guard(() =>
        {
            _file.Write(rows);
            _file.Flush(flushToDisk: toDisk);
        });
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _file.Dispose();
        }
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            throw new IOException($"{Path}: cannot write the metrics: {Reason(e)}", e);
        }
    }

    private static FileStream Open(string path, FileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return new FileStream(path, mode, FileAccess.Write, FileShare.Read, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot write the metrics: {Reason(e)}", e);
        }
    }

    /// <summary>The system's reason without the path .NET appends (<c>No space left on device : '/x'</c>).</summary>
    private static string Reason(Exception e)
    {
        int at = e.Message.IndexOf(" : '", StringComparison.Ordinal);
        return at > 0 ? e.Message[..at] : e.Message;
    }
}
