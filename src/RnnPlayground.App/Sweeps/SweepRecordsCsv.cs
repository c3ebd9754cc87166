using System.Globalization;
using System.Text;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;

namespace RnnPlayground.App.Sweeps;

/// <summary>
/// <c>runs.csv</c>: one row per finished run of a sweep folder (a whole sweep or one shard):
/// <c>run, config, the parameters…, seed, status, steps, val_*, test_*, seconds</c>, numbers
/// written to round-trip, so a merge of shards computes exactly the table one machine would.
/// </summary>
internal static class SweepRecordsCsv
{
    public const string FileName = "runs.csv";

    public static void Write(string path, SweepPlan plan, IEnumerable<SweepRunRecord> records)
    {
        SweepRunRecord[] rows = [.. records.OrderBy(r => r.Index)];
        string[] val = [.. rows.SelectMany(r => r.Validation.Keys).Distinct().Order(StringComparer.Ordinal)];
        string[] test = [.. rows.SelectMany(r => r.Test.Keys).Distinct().Order(StringComparer.Ordinal)];
        var text = new StringBuilder();
        text.AppendJoin(',', ["run", "config", .. plan.Parameters.Select(Quote), "seed", "status", "steps", .. val.Select(v => Quote("val_" + v)), .. test.Select(t => Quote("test_" + t)), "seconds"]).Append('\n');
        foreach (SweepRunRecord r in rows)
        {
            SweepRunSpec spec = plan.Runs[r.Index];
            var cells = new List<string> { Int(r.Index), Int(spec.Config.Index) };
            cells.AddRange(spec.Config.Values.Select(kv => Quote(ExperimentParameters.Format(kv.Value))));
            cells.AddRange([spec.Seed.ToString(CultureInfo.InvariantCulture), Quote(r.Status), r.Steps.ToString(CultureInfo.InvariantCulture)]);
            cells.AddRange(val.Select(v => Number(r.Validation.GetValueOrDefault(v, double.NaN))));
            cells.AddRange(test.Select(t => Number(r.Test.GetValueOrDefault(t, double.NaN))));
            cells.Add(Number(r.Seconds));
            text.AppendJoin(',', cells).Append('\n');
        }
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking each row against the plan.</summary>
    /// <exception cref="ArgumentException">A row that does not belong to <paramref name="plan"/> or cannot be read.</exception>
    public static List<SweepRunRecord> Read(string path, SweepPlan plan)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path} is missing: the sweep folder has no results yet");
        List<CsvRecordReader.Record> rows;
        try
        {
            rows = CsvRecordReader.Parse(File.ReadAllText(path), path);
        }
        catch (DataFormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
        if (rows.Count == 0) throw new ArgumentException($"{path} is empty");
        string[] header = rows[0].Fields;
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new ArgumentException($"{path} has no column '{name}'");
        int run = Column("run"), status = Column("status"), steps = Column("steps"), seconds = Column("seconds");
        var records = new List<SweepRunRecord>();
        foreach ((int line, string[] cells) in rows.Skip(1))
        {
            if (cells.Length != header.Length || !int.TryParse(cells[run], CultureInfo.InvariantCulture, out int index) || index < 0 || index >= plan.Runs.Count
                || !long.TryParse(cells[steps], CultureInfo.InvariantCulture, out long stepCount))
                throw new ArgumentException($"{path}:{line}: not a run of this sweep");
            var val = new Dictionary<string, double>(StringComparer.Ordinal);
            var test = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 0; c < header.Length; c++)
            {
                if (header[c].StartsWith("val_", StringComparison.Ordinal) && ParseNumber(cells[c]) is { } v && !double.IsNaN(v)) val[header[c][4..]] = v;
                else if (header[c].StartsWith("test_", StringComparison.Ordinal) && ParseNumber(cells[c]) is { } t && !double.IsNaN(t)) test[header[c][5..]] = t;
            }
            records.Add(new SweepRunRecord(index, cells[status], stepCount, val, test, ParseNumber(cells[seconds]) ?? double.NaN));
        }
        return records;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number that reads back exactly; empty for a missing one.</summary>
    internal static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static double? ParseNumber(string text) =>
        text.Length == 0 ? double.NaN : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;

    /// <summary>A CSV cell, quoted when it holds a comma, a quote or a line break.</summary>
    internal static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
