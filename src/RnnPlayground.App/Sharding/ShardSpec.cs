using System.Globalization;

namespace RnnPlayground.App.Sharding;

/// <summary>
/// One of <see cref="Count"/> deterministic slices of an ordered list of work (a sweep's runs, a
/// suite's cases), so a scheduler's job array can split it with no coordination: shard
/// <see cref="Index"/> (1-based, <c>--shard 1/3</c> … <c>--shard 3/3</c>) takes items
/// <c>Index−1</c>, <c>Index−1+Count</c>, <c>Index−1+2·Count</c>, … of the list (round robin, so
/// a grid whose later runs are slower spreads them over every shard). Every item belongs to
/// exactly one shard, and the slice depends only on the list's order and the two numbers.
/// </summary>
/// <remarks>
/// <c>auto/N</c> reads the index from the scheduler, which counts from 0: Kubernetes Indexed Jobs'
/// <c>JOB_COMPLETION_INDEX</c> (0 … N−1), else Slurm's <c>SLURM_ARRAY_TASK_ID</c> (less
/// <c>SLURM_ARRAY_TASK_MIN</c> when set, so <c>--array=1-3</c> and <c>--array=0-2</c> both work);
/// index 0 is shard 1/N.
/// </remarks>
internal readonly record struct ShardSpec
{
    /// <summary>The environment variables <c>auto/N</c> reads, first found wins.</summary>
    public static IReadOnlyList<string> IndexVariables { get; } = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

    /// <summary>The whole list: shard 1 of 1.</summary>
    public static ShardSpec Whole { get; } = new(1, 1);

    /// <summary>The largest shard count accepted.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>A shard from its 1-based index and the number of shards.</summary>
    public ShardSpec(int index, int count)
    {
        if (count < 1 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"a shard count must be from 1 to {MaxCount}");
        if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), index, $"a shard index must be from 1 to {count}");
        Index = index;
        Count = count;
    }

    /// <summary>This shard's number, from 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>How many shards the work is cut into.</summary>
    public int Count { get; }

    /// <summary>True for 1/1, the whole list.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>Whether the item at <paramref name="position"/> (0-based, in the list's order) is this shard's.</summary>
    public bool Contains(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        return position % Count == Index - 1;
    }

    /// <summary>This shard's items of <paramref name="items"/>, in their order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> items)
    {
        var mine = new List<T>((items.Count + Count - 1) / Count);
        for (int i = Index - 1; i < items.Count; i += Count) mine.Add(items[i]);
        return mine;
    }

    /// <summary><c>I/N</c>, as <c>--shard</c> takes it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// Reads <c>I/N</c> (1 ≤ I ≤ N) or <c>auto/N</c> (the index from <see cref="IndexVariables"/>
    /// through <paramref name="environment"/>); false with a one-line <paramref name="error"/>
    /// naming <paramref name="option"/> when the text is malformed, out of range, or <c>auto</c>
    /// finds no usable index.
    /// </summary>
    public static bool TryParse(string text, Func<string, string?> environment, out ShardSpec shard, out string error, string option = "--shard")
    {
        shard = Whole;
        string form = $"{option} must be I/N with 1 <= I <= N <= {MaxCount}, or auto/N (got '{text}')";
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1 || count > MaxCount)
        {
            error = form;
            return false;
        }
        string head = text[..slash];
        int index;
        if (head == "auto")
        {
            if (!TryAutoIndex(environment, count, option, text, out index, out error)) return false;
        }
        else if (!int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            error = form;
            return false;
        }
        else if (index < 1 || index > count)
        {
            error = $"{option} {text}: the shard index must be from 1 to {count} (shards count from 1; use auto/{count} for a scheduler's 0-based index)";
            return false;
        }
        shard = new ShardSpec(index, count);
        error = "";
        return true;
    }

    /// <summary><see cref="TryParse"/> against this process's environment.</summary>
    public static bool TryParse(string text, out ShardSpec shard, out string error, string option = "--shard") =>
        TryParse(text, Environment.GetEnvironmentVariable, out shard, out error, option);

    private static bool TryAutoIndex(Func<string, string?> environment, int count, string option, string text, out int index, out string error)
    {
        index = 0;
        foreach (string variable in IndexVariables)
        {
            string? value = environment(variable);
            if (string.IsNullOrEmpty(value)) continue;
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long zeroBased))
            {
                error = $"{option} {text}: {variable} must be a non-negative integer (got '{value}')";
                return false;
            }
            string from = variable;
            if (variable == "SLURM_ARRAY_TASK_ID" && environment("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } min
                && long.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out long first) && first <= zeroBased)
            {
                zeroBased -= first;
                from = "SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN";
            }
            if (zeroBased >= count)
            {
                error = $"{option} {text}: {from} is {zeroBased}, out of range for {count} shards (it counts from 0 to {count - 1})";
                return false;
            }
            index = (int)zeroBased + 1;
            error = "";
            return true;
        }
        error = $"{option} {text}: none of {string.Join(", ", IndexVariables)} is set (auto reads the scheduler's 0-based task index)";
        return false;
    }
}
