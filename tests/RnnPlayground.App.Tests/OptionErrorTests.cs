namespace RnnPlayground.App.Tests;

/// <summary>
/// Every option of every command refuses a value of the wrong type or out of range with one line
/// naming the option and what it accepts, and a non-zero exit, before anything runs.
/// </summary>
public class OptionErrorTests
{
    private static IEnumerable<TestCaseData> BadValues()
    {
        TestCaseData Case(string says, params string[] args) => new TestCaseData(args, says).SetName($"{string.Join(' ', args)}");
        const string Run = "run";
        yield return Case("--steps must be an integer from 1 to 1000000000000 (got '-5')", Run, "--steps", "-5");
        yield return Case("--steps must be an integer from 1 to 1000000000000 (got 'abc')", Run, "--steps", "abc");
        yield return Case("--epochs must be an integer from 1 to 1000000 (got '0')", Run, "--epochs", "0");
        yield return Case("--seed must be an integer from 0 to 18446744073709551615 (got '-1')", Run, "--seed", "-1");
        yield return Case("--threads must be an integer from 1 to 256 (got '0')", Run, "--threads", "0");
        yield return Case("--frames must be an integer from 1 to 100000 (got '-5')", Run, "--frames", "-5");
        yield return Case("--ticks must be an integer from 1 to 1000000000000 (got '-5')", Run, "--ticks", "-5");
        yield return Case("--size must be WIDTHxHEIGHT with each side from 64 to 8192 pixels, e.g. 1280x800 (got '16384x16384')", Run, "--size", "16384x16384");
        yield return Case("--size must be WIDTHxHEIGHT with each side from 64 to 8192 pixels, e.g. 1280x800 (got '800')", Run, "--size", "800");
        yield return Case("--fps must be a number from 1 to 1000 (got '0')", Run, "--fps", "0");
        yield return Case("--seconds must be a number above 0 and at most 1000000 (got 'NaN')", Run, "--seconds", "NaN");
        yield return Case("--speed must be a number of ticks per second above 0 and at most 1000000000, or 'max' (got 'fast')", Run, "--speed", "fast");
        yield return Case("--out must be a non-empty value (got '')", Run, "--out", "");
        yield return Case("--resume must be a non-empty value (got '')", Run, "--resume", "");
        yield return Case("Option '--checkpoint' is required.", "eval");
        yield return Case("--checkpoint must be a non-empty value (got '')", "eval", "--checkpoint", "");
        yield return Case("--temperature must be a number above 0 and at most 100 (got '0')", "sample", "--checkpoint", "x", "--temperature", "0");
        yield return Case("--length must be an integer from 0 to 1000000 (got '-1')", "sample", "--checkpoint", "x", "--length", "-1");
        yield return Case("--seed must be an integer from 0 to 18446744073709551615 (got 'x')", "sample", "--checkpoint", "x", "--seed", "x");
        yield return Case("--threads must be an integer from 1 to 256 (got '0')", "bench", "--threads", "0");
        yield return Case("--seconds must be a number from 0 to 3600 (got '-1')", "bench", "--seconds", "-1");
        yield return Case("--workload must be one of weather-lstm-small, char-lstm-medium, gru-large, elman-long, stream-infer, seq2seq-attn, gemm (got 'nope')", "bench", "--workload", "nope");
    }

    [TestCaseSource(nameof(BadValues))]
    public void ABadValueIsOneLineNamingTheOptionAndItsRange(string[] arguments, string says)
    {
        RnnplayResult r = Rnnplay.Run(Rnnplay.RepositoryRoot, arguments);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Is.EqualTo($"error: {says}\n"), r.ToString());
        Assert.That(r.Stdout, Is.Empty, "nothing ran");
    }

    [Test]
    public void APrimeOutsideTheVocabularyNamesTheOption()
    {
        using var project = new ProjectFolder();
        string script = project.CopyScript("charrnn.lua");
        RnnplayResult r = project.Run("sample", script, "--checkpoint", "none.safetensors", "--prime", "Shall I ~");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stderr, Is.EqualTo("error: --prime has '~', which is not in the vocabulary of scripts/charrnn.lua's text\n"), r.ToString());
    }
}
