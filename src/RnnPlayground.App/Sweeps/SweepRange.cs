namespace RnnPlayground.App.Sweeps;

/// <summary>
/// A range a random sweep draws one parameter from: <c>16..128</c> uniformly, or <c>log:1e-4..1e-2</c>
/// log-uniformly (for rates, whose useful values span decades); integers for an integer parameter.
/// </summary>
/// <param name="Low">The lowest value drawn.</param>
/// <param name="High">The highest value drawn (above <paramref name="Low"/>).</param>
/// <param name="Log">Uniform in log(value) rather than in value.</param>
/// <param name="Integer">Draw integers (the parameter's default is an integer).</param>
internal sealed record SweepRange(double Low, double High, bool Log, bool Integer);
