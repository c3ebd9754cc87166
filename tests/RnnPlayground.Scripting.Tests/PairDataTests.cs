using RnnPlayground.Core.Data;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary><c>rnn.data.pairs</c> and <c>rnn.data.task</c>: token pairs from a file or a generated task, and their Pairs handle.</summary>
public class PairDataTests : RnnApiFixture
{
    private void WritePairs(string text, string name = "pairs.tsv") =>
        File.WriteAllText(Path.Combine(Folder.Root, "scripts", "data", name), text);

    [Test]
    public void AFileOfPairsWithVocabulariesFromTheTrainingSplit()
    {
        WritePairs("the cat\tle chat\na dog\tun chien\nthe dog\tle chien\nthe bird\tl' oiseau\n");
        ScriptPairs p = Make<ScriptPairs>("rnn.data.pairs{ path = 'data/pairs.tsv', level = 'word', split = { 0.5, 0.25, 0.25 } }");
        Assert.That(p.Kind, Is.EqualTo("pairs"));
        Assert.That(p.Data.SourceVocabulary.Tokens.Skip(TokenVocabulary.ReservedCount), Is.EqualTo(new[] { "a", "cat", "dog", "the" }));
        Assert.That(p.Data.SourceTokens(Split.Test, 0), Is.EqualTo(new[] { "the", "<unk>" }), "'bird' is only in the test split");
        Assert.That(p.Metadata["data.level"], Is.EqualTo("word"));
        Assert.That(p.Metadata["data.target_vocabulary"].Split('\n'), Is.EqualTo(p.Data.TargetVocabulary.Tokens));
        Assert.That(Host.Evaluate("local d = rnn.data.pairs{ path = 'data/pairs.tsv', level = 'word', split = { 0.5, 0.25, 0.25 } } " +
            "local i = d:info() local s, t = d:pair(2, 'train') " +
            "return table.concat({ i.kind, i.level, i.source_vocab, i.target_vocab, i.max_source, i.max_target, i.train, i.validation, i.test, s, t }, '|')"),
            Is.EqualTo("pairs|word|8|8|2|2|2|1|1|a dog|un chien"));
        Assert.That(Host.Evaluate("return tostring(rnn.data.pairs{ path = 'data/pairs.tsv', level = 'word' })"),
            Is.EqualTo("Pairs(pairs: words, vocabularies 8 → 8, 3/0/1 pairs)"));
    }

    [TestCase("a\tA\nbB\n", "scripts/x.lua:1: rnn.data.pairs: scripts/data/pairs.tsv:2: missing the target column: a line is source<TAB>target (no tab found)")]
    [TestCase("a\tA\n\tB\n", "scripts/x.lua:1: rnn.data.pairs: scripts/data/pairs.tsv:2: column 'source': empty: every pair needs a source")]
    [TestCase("a\tA\nb\tBBBBB\n", "scripts/x.lua:1: rnn.data.pairs: scripts/data/pairs.tsv:2: column 'target': 5 characters, longer than the maximum 4")]
    public void ABadLineIsNamedByTheScriptsLineAndTheFilesLine(string text, string message)
    {
        WritePairs(text);
        ScriptException e = Fails("local d = rnn.data.pairs{ path = 'data/pairs.tsv', max_target = 4 }", ScriptErrorKind.Argument);
        Assert.That(e.Message.Split('\n')[0], Is.EqualTo(message));
    }

    [Test]
    public void AMissingFileAndABadOptionAreScriptErrors()
    {
        ScriptException e = Fails("local d = rnn.data.pairs{ path = 'data/none.tsv' }", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.pairs: cannot read 'data/none.tsv': no such file"));
        e = Fails("local d = rnn.data.pairs{ path = 'data/none.tsv', level = 'byte' }", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.pairs:").And.Contain("'level'"));
        e = Fails("local d = rnn.data.task{ name = 'dates', digits = 2 }", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.Contain("unknown field 'digits'"), "options of another task are refused");
        e = Fails("local d = rnn.data.task{ name = 'reverse', min_length = 5, max_length = 3 }", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.StartWith("scripts/x.lua:1: rnn.data.task: 'max_length' (3) is less than 'min_length' (5)"));
    }

    [Test]
    public void GeneratedTasksAreSeeded()
    {
        string Pair(string task, int seed) => (string)Host.Evaluate(
            $"local d = rnn.data.task{{ {task}, train = 20, validation = 2, test = 3, seed = {seed} }} local s, t = d:pair(3, 'test') return s .. '=' .. t")!;
        Assert.That(Pair("name = 'dates'", 4), Is.EqualTo(Pair("name = 'dates'", 4)));
        Assert.That(Pair("name = 'dates'", 4), Is.Not.EqualTo(Pair("name = 'dates'", 5)));
        Assert.That(Pair("name = 'dates'", 4), Does.Match(@"=\d{4}-\d\d-\d\d$"));
        Assert.That(Pair("name = 'addition', digits = 2", 1), Does.Match(@"^(\d+)\+(\d+)=\d+$"));
        Assert.That(Pair("name = 'reverse', alphabet = 'xy', min_length = 3, max_length = 3", 1), Does.Match("^[xy]{3}=[xy]{3}$"));
        string reversed = Pair("name = 'reverse'", 2);
        Assert.That(reversed.Split('=')[1], Is.EqualTo(new string(reversed.Split('=')[0].Reverse().ToArray())));
        ScriptPairs r = Make<ScriptPairs>("rnn.data.task{ name = 'copy', reverse_source = true, train = 5, validation = 0, test = 0 }");
        Assert.That(r.Data.SourceTokens(Split.Train, 0).Reverse(), Is.EqualTo(r.Data.Pair(Split.Train, 0).Source.Select(c => c.ToString())),
            "reverse_source feeds the source backwards");
    }

    [Test]
    public void ScoreGivesTheSequenceMetrics()
    {
        WritePairs("a\tthe cat sat down\nb\ton the mat\nc\tx\nd\tyz\n");
        object? r = Host.Evaluate("local d = rnn.data.pairs{ path = 'data/pairs.tsv', level = 'word', split = { 0.5, 0.0 } } " +
            "local s = d:score({ 'x', 'yq' }) " +
            "return string.format('%.4f %.4f %.4f %d', s.exact, s.token_accuracy, s.cer, s.count)");
        Assert.That(r, Is.EqualTo("0.5000 0.5000 0.3333 2"), "'x' right; 'yq' for 'yz' one word wrong, one character of three in all");
        r = Host.Evaluate("local d = rnn.data.pairs{ path = 'data/pairs.tsv', level = 'word' } " +
            "local s = d:score({ 'the cat sat down', 'on the mat', 'x' }, 'train') return string.format('%.2f %.2f', s.bleu, s.chrf)");
        Assert.That(r, Is.EqualTo("100.00 100.00"));
        ScriptException e = Fails("local d = rnn.data.pairs{ path = 'data/pairs.tsv' } local s = d:score({ 'x' }, 'train')", ScriptErrorKind.Argument);
        Assert.That(e.Message, Does.Contain("'outputs' has 1 texts where the train split has 3 pairs"));
    }
}
