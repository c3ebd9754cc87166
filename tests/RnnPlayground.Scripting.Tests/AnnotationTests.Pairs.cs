namespace RnnPlayground.Scripting.Tests;

/// <summary>rnn.d.lua against the token-pair bindings: rnn.data.pairs, rnn.data.task (each task's fields) (the Pairs handle's methods are a case of <see cref="EveryMethodOfAHandleIsDeclared"/>).</summary>
public partial class AnnotationTests
{
    [Test]
    public void ThePairsOptionsAreTheDocumentedFields()
    {
        File.WriteAllText(Path.Combine(Folder.Root, "scripts", "data", "p.tsv"), string.Concat(Enumerable.Repeat("a\tb\n", 10)));
        Assert.That(FieldsOf(OptionsClassOf("rnn.data.pairs")), Is.EquivalentTo(KnownFields(RefusalOf("local x = rnn.data.pairs{ path = 'data/p.tsv', zzz = 1 }"))));
    }

    [Test]
    public void TheTaskOptionsAreTheDocumentedFieldsOverAllTasks()
    {
        var known = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string task in new[] { "dates", "reverse", "copy", "addition" })
            known.UnionWith(KnownFields(RefusalOf($"local x = rnn.data.task{{ name = '{task}', train = 2, validation = 1, test = 1, zzz = 1 }}")));
        Assert.That(FieldsOf(OptionsClassOf("rnn.data.task")), Is.EquivalentTo(known));
    }
}
