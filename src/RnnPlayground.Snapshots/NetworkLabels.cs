namespace RnnPlayground.Snapshots;

/// <summary>
/// What the rows of a <see cref="NetworkSnapshot"/> mean, and its outputs decoded into what they
/// predict: the feature of every input unit, the token read at every step (text models), the
/// class or value of every output unit with its unit, and per step the class probabilities and
/// the values in their own units. Arrays are row-major [T, width] like the snapshot's.
/// </summary>
/// <param name="InputNames">Per input unit, the feature it carries (empty when inputs are learned embeddings).</param>
/// <param name="InputUnits">Per input unit, the unit of its raw value (may be empty strings).</param>
/// <param name="RawInputs">[T, InputSize] inputs in their own units before normalization (empty when not known).</param>
/// <param name="StepTokens">Per time step, the token read at that step (text models), else empty.</param>
/// <param name="OutputNames">Per output unit: the class names, then the value names.</param>
/// <param name="OutputUnits">Per output unit: "%" for a class probability, else the value's unit (may be empty).</param>
/// <param name="ClassCount">How many of the outputs (the first ones) are class scores.</param>
/// <param name="Decoded">[T, OutputSize]: class probabilities (softmax of the class logits, 0..1), then values in their units; NaN where a step has no output.</param>
public sealed record NetworkLabels(
    IReadOnlyList<string> InputNames,
    IReadOnlyList<string> InputUnits,
    float[] RawInputs,
    IReadOnlyList<string> StepTokens,
    IReadOnlyList<string> OutputNames,
    IReadOnlyList<string> OutputUnits,
    int ClassCount,
    float[] Decoded)
{
    /// <summary>Whether the model predicts the next token at every step (a text model).</summary>
    public bool IsText => StepTokens.Count > 0;

    /// <summary>The most probable class at step <paramref name="step"/>, or −1 without classes or output there.</summary>
    public int PredictedClass(int step, int outputSize)
    {
        var best = -1;
        var bestP = float.NegativeInfinity;
        for (var k = 0; k < ClassCount; k++)
        {
            var p = Decoded[(step * outputSize) + k];
            if (p > bestP)
            {
                (best, bestP) = (k, p);
            }
        }

        return best;
    }
}
