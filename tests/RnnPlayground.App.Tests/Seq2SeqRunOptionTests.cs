namespace RnnPlayground.App.Tests;

/// <summary><c>rnnplay run</c> of an encoder–decoder script refuses the sequence models' options it would otherwise ignore, naming the option and why.</summary>
public class Seq2SeqRunOptionTests
{
    private const string Script = """
        local data = rnn.data.task{ name = 'copy', train = 50, validation = 10, test = 10, min_length = 3, max_length = 4, alphabet = 'abc' }
        return { data = data, model = rnn.nn.seq2seq{ encoder = { cell = 'gru', hidden = 4 }, embedding = 4 }, steps = 3 }
        """;

    [TestCase("--ticks", "10", "error: --ticks: scripts/copy.lua is an encoder–decoder experiment, which has no live loop to tick without a window")]
    [TestCase("--resume", "out/earlier", "error: --resume: scripts/copy.lua is an encoder–decoder experiment, whose checkpoint holds the weights but not the optimizer's state")]
    [TestCase("--keys", "right", "error: --keys: scripts/copy.lua is an encoder–decoder experiment, whose live view has no on_key")]
    public void AnOptionItWouldIgnoreIsRefusedWithWhy(string option, string value, string says)
    {
        using var project = new ProjectFolder();
        string script = project.WriteScript("copy.lua", Script);
        RnnplayResult r = project.Run("run", script, "--headless", "--out", project.Output("copy"), option, value);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stderr, Does.StartWith(says), r.ToString());
        Assert.That(r.Stdout, Is.Empty, "nothing was trained");
        Assert.That(File.Exists(Path.Combine(project.Output("copy"), "summary.json")), Is.False);
    }
}
