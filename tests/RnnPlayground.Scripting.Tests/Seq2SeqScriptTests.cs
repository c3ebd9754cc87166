using RnnPlayground.Core.Data;
using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Layers.Seq2Seq;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Experiment;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>
/// Encoder–decoders from Lua: <c>rnn.nn.seq2seq</c> and its refusals, the experiment table over pairs
/// (teacher forcing, reversed sources, compare), <c>model:translate</c>'s output and attention rows,
/// and a short training run that beats its untrained start.
/// </summary>
public class Seq2SeqScriptTests : RnnApiFixture
{
    private const string Copy = "local data = rnn.data.task{ name = 'copy', train = 600, validation = 50, test = 100, min_length = 3, max_length = 5, alphabet = 'abcd' }\n";

    private static string Model(string fields = "") => $"rnn.nn.seq2seq{{ encoder = {{ cell = 'gru', hidden = 24 }}, embedding = 8{fields} }}";

    [Test]
    public void ASeq2SeqTakesItsSizesWithTheDecoderAsWideAsTheEncodersStates()
    {
        var m = Make<ScriptSeq2Seq>("rnn.nn.seq2seq{ encoder = { cell = 'lstm', hidden = 8, layers = 2, bidirectional = true }, attention = 'dot', reverse_source = true }");
        Assert.That(m.Spec.Encoder, Is.EqualTo(new RecurrentSpec(CellKind.Lstm, 8, 2, Bidirectional: true)));
        Assert.That((m.Spec.DecoderCell, m.Spec.DecoderHidden, m.Spec.Attention, m.Spec.Bridge), Is.EqualTo((CellKind.Lstm, 16, AttentionKind.Dot, BridgeKind.Linear)));
        Assert.That((m.Spec.SourceEmbedding, m.Spec.TargetEmbedding, m.ReverseSource), Is.EqualTo((32, 32, true)));
        Assert.That(m.ToString(), Is.EqualTo("Seq2Seq(encoder lstm 8×2 bidirectional → decoder lstm 16, dot attention, source reversed)"));
    }

    [Test]
    public void BadChoicesAndSizesThatCannotFitAreRefusedAtTheScriptsLine()
    {
        Assert.That(Fails("local m = rnn.nn.seq2seq{ encoder = { hidden = 8 }, attention = 'luong' }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:1: rnn.nn.seq2seq: 'attention' must be one of").And.Contain("\"luong\""));
        Assert.That(Fails("\nlocal m = rnn.nn.seq2seq{ encoder = { hidden = 8, bidirectional = true }, decoder = { hidden = 8 }, attention = 'dot' }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:2: rnn.nn.seq2seq: encoder/decoder size mismatch: attention 'dot' scores sᵀh, but the encoder's states are 2 × 8 = 16 wide and the decoder has 8 units"));
        Assert.That(Fails("local m = rnn.nn.seq2seq{ encoder = { hidden = 8 }, decoder = { hidden = 12 }, bridge = 'none' }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:1: rnn.nn.seq2seq: encoder/decoder size mismatch: bridge 'none'"));
        Assert.That(Fails("local m = rnn.nn.seq2seq{ encoder = { hidden = 8, cell = 'transformer' } }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:1: rnn.nn.seq2seq: 'encoder.cell' must be one of"));
        Assert.That(Fails("local m = rnn.nn.seq2seq{ decoder = { hidden = 8 } }", ScriptErrorKind.Argument).Message,
            Does.StartWith("scripts/x.lua:1: rnn.nn.seq2seq: 'encoder'"));
    }

    [Test]
    public void AnEncoderDecoderExperimentNeedsPairsAndRefusesTheSequenceModelsFields()
    {
        Assert.That(LoadFails($"return {{ data = rnn.data.sine{{}}, model = {Model()} }}", ScriptErrorKind.Argument).Message,
            Does.Contain("'data' must be a Pairs handle"));
        Assert.That(LoadFails(Copy + $"return {{ data = data, model = {Model()}, bptt = 4 }}", ScriptErrorKind.Argument).Message,
            Does.Contain("'bptt' is not used by an encoder–decoder experiment"));
        Assert.That(LoadFails(Copy + $"return {{ data = data, model = {Model()}, teacher_forcing = 1.5 }}", ScriptErrorKind.Argument).Message,
            Does.Contain("'teacher_forcing'"));
    }

    [Test]
    public void TheTableGivesTheRunItsTrainingAndTheVariantsTheirModels()
    {
        ScriptedExperiment e = Load(Copy + $"return {{ data = data, model = {Model()}, batch = 16, steps = 20, clip = 1,\n" +
            "  teacher_forcing = { from = 1, to = 0.5 }, beam = 2,\n" +
            $"  compare = {{ {{ name = 'plain', model = {Model(", attention = 'none'")} }}, {{ name = 'reversed', model = {Model(", reverse_source = true")}, teacher_forcing = 0.8 }} }} }}\n");
        ScriptedSeq2Seq s = e.Seq2Seq!;
        Assert.That(s.Variants, Is.EqualTo(new[] { "plain", "reversed" }));
        Assert.That(() => e.Definition, Throws.InvalidOperationException);
        Seq2SeqDefinition d = s.Definition;
        Assert.That((d.BatchSize, d.Steps, d.ClipNorm, d.Beam, d.TeacherForcingFrom, d.TeacherForcingTo, d.TeacherForcingSteps), Is.EqualTo((16, 20L, 1.0, 2, 1f, 0.5f, (long?)null)));
        Assert.That(d.Model.SourceVocabulary, Is.EqualTo(s.Pairs.Data.SourceVocabulary.Size));
        Assert.That(s.DefinitionOf("plain").Model.Attention, Is.EqualTo(AttentionKind.None));
        Seq2SeqDefinition reversed = s.DefinitionOf("reversed");
        Assert.That((reversed.Data.Options.ReverseSource, reversed.TeacherForcingFrom, reversed.TeacherForcingTo), Is.EqualTo((true, 0.8f, 0.8f)));
        Assert.That(reversed.Data.SourceIds(Split.Test, 0).ToArray(), Is.EqualTo(s.Pairs.Data.SourceIds(Split.Test, 0).ToArray().Reverse()));

        Seq2SeqRun run = s.CreateRun();
        run.Run();
        Assert.That(run.Model.TeacherForcingRatio, Is.EqualTo(0.5f + 0.5f / 20).Within(1e-6), "the last of 20 steps, on the line from 1 to 0.5");
    }

    [Test]
    public void TranslateReturnsTheOutputAndOneAttentionRowPerOutputTokenSummingToOne()
    {
        ScriptedExperiment e = Load(Copy + $"return {{ data = data, model = {Model()}, steps = 5,\n" +
            "  on_finish = function(ctx) out, att = ctx.model:translate('abcd') beamed = ctx.model:translate('abcd', { beam = 3, max_length = 4 }) end }\n");
        e.Seq2Seq!.CreateRun().Run();
        Assert.That(e.CallbackError, Is.Null);
        string output = (string)Global(e, "out")!;
        long rows = Convert.ToInt64(Global(e, "#att"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(rows, Is.InRange(output.Length, output.Length + 1L), "a row per output character, and the end token's");
        for (int r = 1; r <= rows; r++)
        {
            Assert.That(Global(e, $"#att[{r}]"), Is.EqualTo(4L), "a column per source character");
            double sum = Convert.ToDouble(Global(e, $"att[{r}][1] + att[{r}][2] + att[{r}][3] + att[{r}][4]"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(sum, Is.EqualTo(1).Within(1e-5));
        }
        Assert.That(((string)Global(e, "beamed")!).Length, Is.LessThanOrEqualTo(4));
    }

    [Test]
    public void TranslateBeforeTheRunAndAModelWithoutAttentionSayWhatTheyGive()
    {
        ScriptedExperiment e = Load(Copy + $"m = {Model(", attention = 'none'")}\nok, err = pcall(function() return m:translate('ab') end)\n" +
            "return { data = data, model = m, steps = 3, on_finish = function(ctx) out, att = ctx.model:translate('abc') end }\n");
        Assert.That((string)Global(e, "err")!, Does.Contain("the model is built when the experiment starts"));
        e.Seq2Seq!.CreateRun().Run();
        Assert.That(Global(e, "#att"), Is.EqualTo(0L), "no attention: an empty matrix");
    }

    [Test]
    public void EachRunsCallbacksGetAFreshCtxWithThatRunsName()
    {
        ScriptedExperiment e = Load(Copy + "names, tables = {}, {}\n" +
            $"return {{ data = data, model = {Model()}, steps = 3,\n" +
            "  on_step = function(ctx) if not tables[ctx] then tables[ctx] = true names[#names + 1] = ctx.name end end,\n" +
            $"  compare = {{ {{ name = 'plain' }}, {{ name = 'reversed', model = {Model(", reverse_source = true")} }} }} }}\n");
        e.Seq2Seq!.CreateRun(variant: "plain").Run();
        e.Seq2Seq.CreateRun(variant: "reversed").Run();
        Assert.That(e.CallbackError, Is.Null);
        Assert.That(Global(e, "table.concat(names, ',')"), Is.EqualTo("plain,reversed"), "one ctx per run, reused within it");
    }

    [Test]
    public void TheSummaryTakesTheValidationScoresOfTheLastStepInsteadOfScoringAgain()
    {
        EvaluationResult? Last(long steps, out RunSummary summary, out Seq2SeqRun run)
        {
            ScriptedExperiment e = Load(Copy + $"return {{ data = data, model = {Model()}, steps = {steps}, evaluate_every = 10, seed = 5 }}\n");
            run = e.Seq2Seq!.CreateRun();
            EvaluationResult? last = null;
            run.Evaluated = (_, v) => last = v;
            summary = run.Run();
            return last;
        }

        EvaluationResult? atTheEnd = Last(20, out RunSummary summary, out Seq2SeqRun run);
        Assert.That(summary.Validation, Is.SameAs(atTheEnd), "scored after step 20, the last: not scored again");
        Assert.That(summary.Validation!.Metrics, Is.EqualTo(run.Evaluate(Split.Validation).Metrics), "the figures of the final model");

        EvaluationResult? earlier = Last(15, out summary, out run);
        Assert.That(summary.Validation, Is.Not.Null.And.Not.SameAs(earlier), "scored after step 10: step 15's model is scored");
        Assert.That(summary.Validation!.Metrics, Is.EqualTo(run.Evaluate(Split.Validation).Metrics));
        Assert.That(summary.Validation["loss"], Is.Not.EqualTo(earlier!["loss"]));
    }

    [Test]
    public void AShortRunLearnsToCopyFarBetterThanItsUntrainedStart()
    {
        ScriptedExperiment e = Load(Copy + $"return {{ data = data, model = {Model()}, optimizer = rnn.optim.adam{{ lr = 0.01 }}, batch = 32, steps = 250, clip = 1, seed = 3 }}\n");
        Seq2SeqRun run = e.Seq2Seq!.CreateRun(new RunSettings { OutputDirectory = Folder.OutputDirectory });
        double before = run.Evaluate(Split.Test)["exact"];
        RunSummary summary = run.Run();
        TestContext.Out.WriteLine($"exact match {before:P1} → {summary.Test!["exact"]:P1}, CER {summary.Test["cer"]:F3}");
        Assert.That(before, Is.LessThan(0.05));
        Assert.That(summary.Test["exact"], Is.GreaterThan(before + 0.5));
        Assert.That(summary.Test["cer"], Is.LessThan(0.2));
        Assert.That(File.Exists(Path.Combine(Folder.OutputDirectory, "summary.json")) && File.Exists(Path.Combine(Folder.OutputDirectory, "checkpoint.safetensors")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(Folder.OutputDirectory, "summary.json")), Does.Contain("\"token_accuracy\"").And.Contain("\"cer\""));
    }
}
