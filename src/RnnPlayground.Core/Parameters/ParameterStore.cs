namespace RnnPlayground.Core.Parameters;

/// <summary>
/// All parameters of a model in one buffer, with the gradients in a parallel buffer: the
/// optimizer update, gradient clipping and checkpoints are single loops over flat arrays.
/// Parameters are declared while the model is built; the buffers are stable afterwards.
/// </summary>
public sealed class ParameterStore
{
    private readonly List<Parameter> _parameters = [];
    private readonly Dictionary<string, Parameter> _byName = new(StringComparer.Ordinal);
    private float[] _values = [];
    private float[] _gradients = [];
    private int _count;

    /// <summary>Every value of every parameter, in declaration order.</summary>
    public float[] Values => _values;

    /// <summary>The gradients, laid out like <see cref="Values"/>.</summary>
    public float[] Gradients => _gradients;

    /// <summary>Total number of scalar parameters.</summary>
    public int Count => _count;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Declares a new parameter of the given shape, initialised to zero.</summary>
    /// <exception cref="ArgumentException">The name is empty or already declared, or a dimension is not positive.</exception>
    public Parameter Declare(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0) throw new ArgumentException($"parameter '{name}' needs at least one dimension", nameof(shape));
        long length = 1;
        foreach (int d in shape)
        {
            if (d <= 0) throw new ArgumentOutOfRangeException(nameof(shape), $"parameter '{name}' has a dimension {d}; all must be > 0");
            length *= d;
            if (length > Array.MaxLength) throw new ArgumentException($"parameter '{name}' of {string.Join(" × ", shape)} values is too large", nameof(shape));
        }
        if (_byName.ContainsKey(name)) throw new ArgumentException($"parameter '{name}' is already declared", nameof(name));

        var p = new Parameter(this, name, (int[])shape.Clone(), _count);
        long newCount = (long)_count + p.Length;
        if (newCount > Array.MaxLength) throw new ArgumentException($"parameter '{name}' makes the model too large ({newCount} values)");
        if (newCount > _values.Length)
        {
            int capacity = (int)Math.Min(Array.MaxLength, Math.Max(newCount, 2L * _values.Length));
            Array.Resize(ref _values, capacity);
            Array.Resize(ref _gradients, capacity);
        }
        _count = (int)newCount;
        _parameters.Add(p);
        _byName.Add(name, p);
        return p;
    }

    /// <summary>Trims the buffers to <see cref="Count"/>; call once the model is built.</summary>
    public void Seal()
    {
        if (_values.Length != _count)
        {
            Array.Resize(ref _values, _count);
            Array.Resize(ref _gradients, _count);
        }
    }

    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public Parameter? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such parameter; the message lists the known names.</exception>
    public Parameter this[string name] => Find(name)
        ?? throw new KeyNotFoundException($"no parameter '{name}'; the model has: {string.Join(", ", _byName.Keys)}");

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGradients() => _gradients.AsSpan(0, _count).Clear();

    /// <summary>A copy of all values (for tests and snapshots).</summary>
    /// <summary>A 64-bit FNV-1a hash of the values' bits: equal for equal weights (e.g. two runs from one seed), different after any change.</summary>
    public ulong Checksum()
    {
        ulong h = 14695981039346656037UL;
        foreach (float v in _values.AsSpan(0, _count))
        {
            uint bits = BitConverter.SingleToUInt32Bits(v);
            for (int b = 0; b < 32; b += 8) h = (h ^ ((bits >> b) & 0xFF)) * 1099511628211UL;
        }
        return h;
    }

    public float[] CopyValues() => _values.AsSpan(0, _count).ToArray();
}
