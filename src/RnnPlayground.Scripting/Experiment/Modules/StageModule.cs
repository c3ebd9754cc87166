using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// The functions that steer the live view from callbacks (also reachable on <c>ctx</c>):
/// <c>rnn.pause()</c>, <c>rnn.resume()</c>, <c>rnn.step()</c> (one training step), <c>rnn.say(text)</c>
/// (narration; nil clears), <c>rnn.highlight{layer, step, unit, add}</c> (nil clears),
/// <c>rnn.walk{layer, unit}</c> / <c>rnn.walk_next()</c> / <c>rnn.walk_stop()</c> (the step-through of
/// one pass; each returns the step written out as text, nil at the end), <c>rnn.press(key)</c> and
/// <c>rnn.show_variant(name)</c> (the live view shows another of the script's <c>compare</c> variants,
/// each keeping its own training).
/// Calls into a <see cref="ScriptStage"/> and a <see cref="ScriptInput"/>.
/// </summary>
internal static class StageModule
{
    public static void Register(LuaHost host, Func<ScriptStage> stage, Func<ScriptInput> input)
    {
        host.RegisterFunction("rnn", "pause", call =>
        {
            stage().Playback?.Pause();
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "resume", call =>
        {
            stage().StopWalk();
            stage().Playback?.Resume();
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "step", call =>
        {
            stage().Playback?.Step();
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "say", call =>
        {
            int first = SkipSelf(call);
            string? text = call.IsPresent(first) ? call.String(first, "text") : null;
            if (text is { Length: > 4000 }) throw new ScriptArgumentException($"'text' may hold at most 4000 characters (got {text.Length})");
            stage().Say(text);
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "highlight", call =>
        {
            int first = call.ArgumentCount >= 2 && call.IsTable(1) && call.IsTable(2) ? 2 : 1;
            if (!call.IsPresent(first))
            {
                stage().Highlight([], add: false);
                call.ReturnNil();
                return;
            }
            ScriptOptions o = call.Options(first);
            int layer = o.OptionalInt("layer", IntRange.Positive, 1);
            int step = o.OptionalInt("step", IntRange.Positive, int.MaxValue);
            int unit = o.OptionalInt("unit", IntRange.Positive, int.MaxValue);
            bool add = o.OptionalBool("add", false);
            HighlightMark mark = stage().Check(layer, step == int.MaxValue ? 0 : step, unit == int.MaxValue ? 0 : unit);
            stage().Highlight([mark], add);
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "walk", call =>
        {
            ScriptOptions o = call.OptionalOptions(call.ArgumentCount >= 2 && call.IsTable(1) && call.IsTable(2) ? 2 : 1);
            int layer = o.OptionalInt("layer", IntRange.Positive, 1), unit = o.OptionalInt("unit", IntRange.Positive, 1);
            HighlightMark checkedUnit = stage().Check(layer, 0, unit);
            call.Return(Text(stage().StartWalk(checkedUnit.Layer, checkedUnit.Unit)));
        });
        host.RegisterFunction("rnn", "walk_next", call => call.Return(stage().NextWalk() is { } w ? Text(w) : null));
        host.RegisterFunction("rnn", "walk_stop", call =>
        {
            stage().StopWalk();
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "show_variant", call =>
        {
            stage().ShowVariant(call.String(SkipSelf(call), "name"));
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "press", call =>
        {
            input().Press(ScriptKeys.Check(call.String(SkipSelf(call), "key")));
            call.ReturnNil();
        });
    }

    /// <summary>A walk's step as the script reads it: its title, then its lines.</summary>
    private static string Text(PassWalkSnapshot w) => string.Join("\n", w.Lines.Prepend(w.Title));

    private static int SkipSelf(ScriptCall call) => call.ArgumentCount > 0 && call.IsTable(1) ? 2 : 1;
}
