namespace RnnPlayground.App.Sweeps;

/// <summary>
/// One parameter a sweep varies: the values a grid lists (or a random sweep chooses among), or the
/// range a random sweep draws from. Values are typed like the parameter's default.
/// </summary>
/// <param name="Name">The parameter, as the script's <c>rnn.params</c> declares it.</param>
/// <param name="Values">The listed values, in the order given (empty for a range).</param>
/// <param name="Range">The range to draw from, or null for a list.</param>
internal sealed record SweepAxis(string Name, IReadOnlyList<object> Values, SweepRange? Range = null);
