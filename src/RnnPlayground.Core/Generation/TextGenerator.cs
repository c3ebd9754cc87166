using System.Text;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;

namespace RnnPlayground.Core.Generation;

/// <summary>Generates text from a character model: feeds a priming string, then samples one character at a time.</summary>
public static class TextGenerator
{
    /// <summary>
    /// Feeds <paramref name="prime"/> (or, when empty, the vocabulary's first character) through
    /// <paramref name="model"/> with carried state, then samples <paramref name="length"/>
    /// characters at <paramref name="temperature"/>; returns only the sampled characters.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked every character).</exception>
    /// <exception cref="ArgumentException">The prime has a character the vocabulary lacks, or the model is not a character model of this vocabulary.</exception>
    public static string Generate(SequenceModel model, CharVocabulary vocabulary, string prime, int length, double temperature, RandomSource random,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(prime);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 0);
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be finite and > 0");
        if (model.Spec.Vocabulary != vocabulary.Size || model.OutputWidth < vocabulary.Size)
            throw new ArgumentException($"the model takes {model.Spec.Vocabulary} tokens and outputs {model.OutputWidth} values, not a character model of this {vocabulary.Size}-character vocabulary");
        foreach (char c in prime)
            if (!vocabulary.Contains(c)) throw new ArgumentException($"the prime has '{c}', which is not in the vocabulary", nameof(prime));
        var session = new StreamingSession(model);
        ReadOnlySpan<float> logits = default;
        if (prime.Length == 0) logits = session.Step(0);
        foreach (char c in prime) logits = session.Step(vocabulary.IdOf(c));
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            int id = CharSampler.Sample(logits[..vocabulary.Size], temperature, random);
            text.Append(vocabulary.CharOf(id));
            logits = session.Step(id);
            cancellation.ThrowIfCancellationRequested();
        }
        return text.ToString();
    }
}
