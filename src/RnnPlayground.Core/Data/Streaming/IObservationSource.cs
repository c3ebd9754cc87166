namespace RnnPlayground.Core.Data;

/// <summary>A stream of observations, one row of <see cref="Names"/>.Count floats at a time (a simulator, a replayed file).</summary>
public interface IObservationSource
{
    /// <summary>Names of the values in a row.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Unit of each value ("" when unknown).</summary>
    IReadOnlyList<string> Units { get; }

    /// <summary>Writes the next observation into <paramref name="values"/> [Names.Count]; false when the stream has ended.</summary>
    bool TryRead(Span<float> values);
}
