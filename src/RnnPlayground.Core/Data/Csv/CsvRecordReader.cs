using System.Text;

namespace RnnPlayground.Core.Data;

/// <summary>
/// Splits CSV text into records following RFC 4180: fields separated by a delimiter, records by
/// CRLF or LF; a field in double quotes may contain delimiters, line breaks and doubled quotes
/// (<c>""</c> stands for one <c>"</c>). Records that are entirely empty lines are skipped. Each
/// record carries the 1-based line on which it starts.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>One parsed record: its fields and the line where it starts.</summary>
    public readonly record struct Record(int Line, string[] Fields);

    /// <summary>Parses <paramref name="text"/> (the whole file) into records.</summary>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="DataFormatException">A quoted field is not closed, or text follows a closing quote.</exception>
    public static List<Record> Parse(string text, string source, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, "must not be a quote or a line break");

        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        int i = 0;
        bool recordHasContent = false;   // false while the record is one empty line so far

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            if (recordHasContent) records.Add(new Record(recordLine, fields.ToArray()));
            fields.Clear();
            recordHasContent = false;
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"' && field.Length == 0)
            {
                // Quoted field.
                recordHasContent = true;
                int openLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new DataFormatException(source, openLine, null, "quoted field is not closed before the end of the file");
                    char q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (q == '\n') line++;
                    field.Append(q);
                    i++;
                }
                if (i < text.Length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
                    throw new DataFormatException(source, line, null, $"unexpected '{text[i]}' after a closing quote (a quote inside a quoted field must be doubled)");
                continue;
            }
            if (c == delimiter)
            {
                recordHasContent = true;
                EndField();
                i++;
                continue;
            }
            if (c == '\r' || c == '\n')
            {
                EndRecord();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                line++;
                recordLine = line;
                continue;
            }
            // A quote inside an unquoted field (a"b) is kept as text; only a quote at a field's start opens quoting.
            if (!char.IsWhiteSpace(c)) recordHasContent = true;
            field.Append(c);
            i++;
        }
        EndRecord();
        return records;
    }
}
