namespace RnnPlayground.Core.Data;

/// <summary>
/// Reads a pairs file: UTF-8 text, one pair a line as <c>source&lt;TAB&gt;target</c> (blank lines
/// skipped, a trailing CR dropped), split in file order by fractions of the pairs into train,
/// validation and test. Every line is checked before any pair is used; a bad one is refused as
/// <c>path:line: what was wrong</c> (<see cref="DataFormatException"/>).
/// </summary>
public static class PairFile
{
    /// <param name="path">The file.</param>
    /// <param name="options">The token level and length limits each line is checked against.</param>
    /// <param name="trainFraction">Share of pairs in the training split: ⌊f·n⌋.</param>
    /// <param name="validationFraction">Share in the validation split; the rest test.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="DataFormatException">A line with a missing or an extra column, an empty source, a side longer than its limit, or no pairs at all.</exception>
    public static PairSplits Read(string path, PairDatasetOptions options, double trainFraction = 0.8, double validationFraction = 0.1)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var pairs = new List<TextPair>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Trim().Length == 0) continue;
            pairs.Add(Parse(line, path, lineNumber, options));
        }
        if (pairs.Count == 0) throw new DataFormatException(path, 0, null, "no pairs: each line should be source<TAB>target");
        var split = ChronologicalSplit.FromFractions(pairs.Count, trainFraction, validationFraction);
        if (split.Train == 0) throw new DataFormatException(path, 0, null, $"{pairs.Count} pairs leave none for training");
        return new PairSplits(pairs[..split.Train], pairs.GetRange(split.Train, split.Validation), pairs[(split.Train + split.Validation)..]);
    }

    private static TextPair Parse(string line, string path, int lineNumber, PairDatasetOptions options)
    {
        string[] columns = line.Split('\t');
        if (columns.Length < 2)
            throw new DataFormatException(path, lineNumber, null, "missing the target column: a line is source<TAB>target (no tab found)");
        if (columns.Length > 2)
            throw new DataFormatException(path, lineNumber, null, $"{columns.Length} columns; a line is source<TAB>target (a tab inside a text is not allowed)");
        var pair = new TextPair(columns[0], columns[1]);
        int source = TokenText.Split(pair.Source, options.Level).Length, target = TokenText.Split(pair.Target, options.Level).Length;
        string unit = options.Level == TokenLevel.Word ? "words" : "characters";
        if (source == 0) throw new DataFormatException(path, lineNumber, "source", "empty: every pair needs a source");
        if (options.MaxSourceLength > 0 && source > options.MaxSourceLength)
            throw new DataFormatException(path, lineNumber, "source", $"{source} {unit}, longer than the maximum {options.MaxSourceLength}");
        if (options.MaxTargetLength > 0 && target > options.MaxTargetLength)
            throw new DataFormatException(path, lineNumber, "target", $"{target} {unit}, longer than the maximum {options.MaxTargetLength}");
        return pair;
    }
}
