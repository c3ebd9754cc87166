using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Tests.Layers;

/// <summary>Variational dropout: one mask per sample for every step, seeded, off at evaluation (its gradients: <see cref="RecurrentGradientTests"/>).</summary>
public class VariationalDropoutTests
{
    [Test]
    public void AnInputMaskIsTheSameAtEveryStepAndDiffersBetweenSamples()
    {
        int units = 64, steps = 5, batch = 8;
        var store = new ParameterStore();
        var rnn = new Rnn(store, "", units, units, bias: false) { InputDropout = 0.25f, Random = new RandomSource(3) };
        store.Seal();
        // h_t = tanh(x_t ⊙ m): the identity on the inputs, nothing recurrent.
        Span<float> wih = rnn.WeightIh(0).Values;
        for (int j = 0; j < units; j++) wih[j * units + j] = 1f;
        float[] x = new float[steps * batch * units];
        Array.Fill(x, 0.5f);
        float[] y = rnn.Forward(new Activations(x, steps, batch, units), true).Span.ToArray();
        int dropped = 0;
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < units; j++)
            {
                float first = y[b * units + j];
                for (int t = 1; t < steps; t++) Assert.That(y[(t * batch + b) * units + j], Is.EqualTo(first), $"sample {b} unit {j} at step {t}");
                if (first == 0f) dropped++;
                else Assert.That(first, Is.EqualTo(MathF.Tanh(0.5f / 0.75f)).Within(1e-6), "kept inputs are scaled by 1/(1 − p)");
            }
        Assert.That(dropped / (double)(batch * units), Is.EqualTo(0.25).Within(0.06), "share of dropped units");
        Assert.That(y.AsSpan(0, units).SequenceEqual(y.AsSpan(units, units)), Is.False, "two samples get different masks");
    }

    [TestCase(CellKind.Lstm)]
    [TestCase(CellKind.Gru)]
    [TestCase(CellKind.RnnTanh)]
    public void DropoutIsSeededAndOffAtEvaluation(CellKind cell)
    {
        float[] Run(float rate, bool training, ulong seed)
        {
            var store = new ParameterStore();
            RecurrentLayer layer = cell switch
            {
                CellKind.Lstm => new Lstm(store, "", 3, 6, 2) { InputDropout = rate, RecurrentDropout = rate, OutputDropout = rate },
                CellKind.Gru => new Gru(store, "", 3, 6, 2) { InputDropout = rate, RecurrentDropout = rate, OutputDropout = rate },
                _ => new Rnn(store, "", 3, 6, 2) { InputDropout = rate, RecurrentDropout = rate, OutputDropout = rate },
            };
            store.Seal();
            var rng = new RandomSource(11);
            layer.ResetParameters(rng);
            layer.Random = new RandomSource(seed);
            float[] x = GradientCheck.Random(rng, 7 * 4 * 3);
            return layer.Forward(new Activations(x, 7, 4, 3), training).Span.ToArray();
        }
        float[] plain = Run(0f, true, 1);
        Assert.That(Run(0.4f, false, 1), Is.EqualTo(plain), "evaluation runs without dropout");
        Assert.That(Run(0.4f, true, 1), Is.EqualTo(Run(0.4f, true, 1)), "one seed, one set of masks");
        Assert.That(Run(0.4f, true, 1), Is.Not.EqualTo(Run(0.4f, true, 2)));
        Assert.That(Run(0.4f, true, 1), Is.Not.EqualTo(plain));
    }

    [Test]
    public void RatesOutsideZeroToOneAreRefused()
    {
        var store = new ParameterStore();
        Assert.That(() => new Lstm(store, "", 2, 2) { RecurrentDropout = 1f }, Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("[0, 1)"));
        Assert.That(() => new Gru(new ParameterStore(), "", 2, 2) { InputDropout = -0.1f }, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
