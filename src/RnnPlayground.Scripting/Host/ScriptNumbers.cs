namespace RnnPlayground.Scripting.Host;

/// <summary>
/// Numbers a script gave as a number (<see cref="Rank"/> 0), a list of numbers (rank 1:
/// <see cref="Rows"/> numbers) or a list of equally long lists (rank 2: <see cref="Rows"/> lists of
/// <see cref="Columns"/>), flattened row by row into <see cref="Values"/>.
/// </summary>
public sealed record ScriptNumbers(double[] Values, int Rank, int Rows, int Columns)
{
    /// <summary>True when every value is an integer (for labels and token ids).</summary>
    public bool AllIntegers => Values.All(v => Math.Floor(v) == v && Math.Abs(v) < 9.0e15);
}
