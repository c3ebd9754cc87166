namespace RnnPlayground.App.Tests;

/// <summary>The encoder–decoder window: closing it stops training where it is, as the sequence window does.</summary>
public partial class LiveWindowTests
{
    [Test]
    public void ClosingTheEncoderDecoderWindowStopsTrainingAndKeepsWhatWasTrained() => CloseBeforeTheLastStep("""
        local data = rnn.data.task{ name = 'copy', train = 200, validation = 20, test = 20, min_length = 3, max_length = 4, alphabet = 'abc' }
        local function model() return rnn.nn.seq2seq{ encoder = { cell = 'gru', hidden = 8 }, embedding = 4 } end
        return { data = data, model = model(), steps = 1000000, evaluate_every = 50,
          compare = { { name = 'first' }, { name = 'second', model = model() } } }
        """, variant: "first", (first, summary, stdout) =>
    {
        Assert.That(summary["validation"]?["metrics"]?["exact"], Is.Not.Null, "scored as it was when the window closed");
        Assert.That(File.Exists(Path.Combine(first, "checkpoint.safetensors")), Is.True, "the checkpoint of what was trained");
        Assert.That(Directory.Exists(Path.Combine(Path.GetDirectoryName(first)!, "second")), Is.False, "the variant after it is not run");
        Assert.That(stdout, Does.Contain("outputs in"));
    });
}
