using RnnPlayground.Core.Tests.Training;

namespace RnnPlayground.Core.Tests;

/// <summary>No reference fixture goes unused: every Reference/*.json is checked by a test.</summary>
public class ReferenceCoverageTests
{
    [Test]
    public void EveryFixtureIsOfAKindTheTestsCheck()
    {
        string[] all = Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Reference"), "*.json")
            .Select(path => Path.GetFileNameWithoutExtension(path)).ToArray();
        Assert.That(all, Is.Not.Empty);
        Assert.That(ReferenceFixture.All("recurrent").Concat(ReferenceFixture.All("training")), Is.EquivalentTo(all),
            "a fixture whose kind is neither 'recurrent' (RecurrentReferenceTests) nor 'training' (TrainingReferenceTests)");
    }

    [Test]
    public void EveryTrainingFixtureHasItsTest() =>
        Assert.That(ReferenceFixture.All("training"), Is.EquivalentTo(TrainingReferenceTests.Fixtures),
            "a training fixture without a test in TrainingReferenceTests (or a test without its fixture)");
}
