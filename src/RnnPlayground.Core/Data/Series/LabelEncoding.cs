namespace RnnPlayground.Core.Data;

/// <summary>
/// Maps categorical labels to class indices: an ordered list of class names (index = position)
/// and, optionally, groups that send several raw labels to one class (e.g. Seattle's rain,
/// drizzle and snow to "wet"). Immutable; store it with a model (<see cref="ToDictionary"/>) so
/// that predictions map back to the same names.
/// </summary>
public sealed class LabelEncoding
{
    private readonly string[] _classNames;
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, string> _groups;

    /// <param name="classNames">Class names in index order; distinct, non-empty.</param>
    /// <param name="groups">Raw label → class name; null or empty when raw labels are the class names.</param>
    public LabelEncoding(IReadOnlyList<string> classNames, IReadOnlyDictionary<string, string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0) throw new ArgumentException("at least one class name is needed", nameof(classNames));
        _classNames = classNames.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _classNames.Length; i++)
        {
            string name = _classNames[i] ?? throw new ArgumentException($"class name {i} is null", nameof(classNames));
            if (name.Length == 0) throw new ArgumentException($"class name {i} is empty", nameof(classNames));
            if (!_index.TryAdd(name, i)) throw new ArgumentException($"class name '{name}' appears twice", nameof(classNames));
        }
        _groups = new Dictionary<string, string>(StringComparer.Ordinal);
        if (groups is not null)
        {
            foreach (var (raw, cls) in groups)
            {
                if (!_index.ContainsKey(cls))
                    throw new ArgumentException($"group of '{raw}' names class '{cls}', which is not one of: {string.Join(", ", _classNames)}", nameof(groups));
                _groups[raw] = cls;
            }
        }
    }

    /// <summary>Class names sorted by ordinal comparison: the default when no order is given.</summary>
    public static LabelEncoding FromObservedLabels(IEnumerable<string> labels, IReadOnlyDictionary<string, string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string raw in labels)
            names.Add(groups is not null && groups.TryGetValue(raw, out string? g) ? g : raw);
        if (groups is not null) foreach (string g in groups.Values) names.Add(g);
        return new LabelEncoding(names.ToArray(), groups);
    }

    /// <summary>Class names; the index of a name is its class index.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    public int NumClasses => _classNames.Length;

    /// <summary>Raw label → class name (empty when labels are used as they are).</summary>
    public IReadOnlyDictionary<string, string> Groups => _groups;

    /// <summary>The class index of a raw label (after grouping), or -1 when it maps to no class.</summary>
    public int IndexOf(string rawLabel)
    {
        ArgumentNullException.ThrowIfNull(rawLabel);
        string name = _groups.TryGetValue(rawLabel, out string? g) ? g : rawLabel;
        // With groups, only grouped labels and the class names themselves are known.
        return _index.TryGetValue(name, out int i) ? i : -1;
    }

    /// <summary>Every raw label this encoding accepts: the grouped labels and the class names.</summary>
    public IEnumerable<string> KnownLabels => _groups.Keys.Concat(_classNames).Distinct(StringComparer.Ordinal);

    /// <summary>Flat string form for checkpoint metadata: <c>{prefix}classes</c> (names joined by '\n') and <c>{prefix}group.{raw}</c> entries.</summary>
    public Dictionary<string, string> ToDictionary(string prefix = "labels.")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var d = new Dictionary<string, string>(StringComparer.Ordinal) { [prefix + "classes"] = string.Join('\n', _classNames) };
        foreach (var (raw, cls) in _groups) d[prefix + "group." + raw] = cls;
        return d;
    }

    /// <summary>Reads the form written by <see cref="ToDictionary"/>.</summary>
    /// <exception cref="FormatException">The classes entry is missing or invalid.</exception>
    public static LabelEncoding FromDictionary(IReadOnlyDictionary<string, string> entries, string prefix = "labels.")
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!entries.TryGetValue(prefix + "classes", out string? classes))
            throw new FormatException($"no '{prefix}classes' entry");
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        string groupPrefix = prefix + "group.";
        foreach (var (key, value) in entries)
            if (key.StartsWith(groupPrefix, StringComparison.Ordinal)) groups[key[groupPrefix.Length..]] = value;
        try
        {
            return new LabelEncoding(classes.Split('\n'), groups);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"saved label encoding is invalid: {e.Message}", e);
        }
    }
}
