namespace RnnPlayground.Core.Tensors;

/// <summary>
/// The work of one <see cref="ComputeThreads.ParallelFor{TBody}(int, TBody)"/> call: a struct, so a
/// dispatch allocates nothing. <see cref="Invoke"/> runs once per index, on any compute thread,
/// concurrently with other indices.
/// </summary>
public interface IParallelBody
{
    /// <summary>Does the work of item <paramref name="index"/> (0 ≤ index &lt; count).</summary>
    void Invoke(int index);
}
