using RnnPlayground.Rendering.Context;
using RnnPlayground.Rendering.Views;

namespace RnnPlayground.App.Tests;

/// <summary>The encoder–decoder window's help lists the keys that window handles, not the sequence window's.</summary>
public class Seq2SeqWindowKeysTests
{
    /// <summary>What the window loop and the pointer do in every window (Tab, ?, the scale, hovering, the buttons).</summary>
    private static readonly string[] LoopKeys = ["Tab", "Ctrl+= / Ctrl+−", "?", "mouse over", "button"];

    private static readonly Dictionary<Key, string> HelpName = new() { [Key.Escape] = "Esc", [Key.Space] = "Space" };

    [Test]
    public void TheHelpListsTheKeysTheWindowHandlesAndNoOthers()
    {
        Key[] handled = [.. Enum.GetValues<Key>().Where(k => Seq2SeqCommand.KeyAction(new KeyPressed(k, IsRepeat: false, NativeKey: 0)) is not null)];
        Assert.That(handled, Is.EquivalentTo(HelpName.Keys));
        string[] listed = [.. Seq2SeqCommand.HelpKeys.Select(k => k.Keys)];
        Assert.That(listed, Is.EquivalentTo(LoopKeys.Concat(handled.Select(k => HelpName[k]))));
        string[] sequenceWindowOnly = [.. HelpOverlay.Keys.Select(k => k.Keys).Where(k => k is "N" or "W" or "R" or "S" or "T" or "C" or "[ / ]" or "+ / −" or "click a unit")];
        Assert.That(sequenceWindowOnly, Has.Length.EqualTo(9), "the sequence window's help lists them");
        Assert.That(listed.Intersect(sequenceWindowOnly), Is.Empty);
    }
}
