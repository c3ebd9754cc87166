using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Benchmarks;

/// <summary>
/// Exactly one batch of fixed random samples for a benchmark: inputs N(0, 1) (or token ids uniform
/// over the vocabulary), class targets uniform over the classes, value targets N(0, 1). Every split
/// has the same <see cref="Samples"/> samples.
/// </summary>
internal sealed class BenchmarkDataset : ISequenceDataset
{
    private readonly SampleStore _store;

    public BenchmarkDataset(TaskShape shape, int samples, RandomSource random)
    {
        _store = new SampleStore(shape, samples, samples, samples);
        Samples = samples;
        foreach (Split split in Enum.GetValues<Split>())
        {
            for (int i = 0; i < samples; i++)
            {
                if (shape.TokenInput)
                {
                    Span<int> tokens = _store.Tokens(split, i);
                    for (int t = 0; t < tokens.Length; t++) tokens[t] = random.NextInt(shape.VocabularySize);
                }
                else
                {
                    random.FillNormal(_store.Inputs(split, i));
                }
                Span<int> classes = _store.Classes(split, i);
                for (int t = 0; t < classes.Length; t++) classes[t] = random.NextInt(shape.NumClasses);
                random.FillNormal(_store.Values(split, i));
            }
        }
    }

    public int Samples { get; }

    public TaskShape Shape => _store.Shape;

    public int Count(Split split) => _store.Count(split);

    public void Fill(Split split, ReadOnlySpan<int> indices, Batch batch) => _store.Fill(split, indices, batch);
}
