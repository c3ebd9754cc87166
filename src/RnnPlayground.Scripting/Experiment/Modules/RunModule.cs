using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>rnn.save(model, path)</c> and <c>rnn.load(model, path)</c> (weights as safetensors, paths
/// checked by the sandbox; load reads from the output folder first, where save writes), and for callbacks <c>rnn.stop(reason)</c> and <c>rnn.set_lr(lr)</c>,
/// also reachable as <c>ctx.stop</c> and <c>ctx.set_lr</c>.
/// </summary>
public static class RunModule
{
    public static void Register(LuaHost host, ScriptSession session, HandleKind<ScriptModel> model)
    {
        host.RegisterFunction("rnn", "save", call =>
        {
            ScriptModel m = call.Handle(1, "model", model);
            string path = call.Files.ResolveWrite(call.String(2, "path"));
            var built = m.Built ?? throw new ScriptArgumentException("the model is built when the experiment starts; save it from a callback (on_finish…)");
            var meta = new Dictionary<string, string>(m.Data?.Metadata ?? new Dictionary<string, string>());
            TrainingCheckpoint.SaveWeights(path, built, meta);
            call.Return(ScriptPaths.ShowFile(call.Files, path));
        });
        host.RegisterFunction("rnn", "load", call =>
        {
            ScriptModel m = call.Handle(1, "model", model);
            string path = ScriptPaths.ResolveSaved(call.Files, call.String(2, "path"));
            var built = m.Built ?? throw new ScriptArgumentException("the model is built when the experiment starts; load weights from a callback");
            try
            {
                TrainingCheckpoint.LoadWeights(path, built);
            }
            catch (CheckpointException e)
            {
                throw new ScriptArgumentException(e.Message.Replace(path, ScriptPaths.ShowFile(call.Files, path), StringComparison.Ordinal));
            }
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "stop", call =>
        {
            int first = SkipSelf(call);
            string reason = call.IsPresent(first) ? call.String(first, "reason") : "stopped by the script";
            session.RequireRun("rnn.stop").RequestStop(reason);
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "set_lr", call =>
        {
            int first = SkipSelf(call);
            double lr = call.Number(first, "lr", NumberRange.Positive);
            session.RequireRun("rnn.set_lr").OverrideLearningRate((float)lr);
            call.ReturnNil();
        });
    }

    /// <summary>Lets <c>ctx:stop()</c> work as well as <c>ctx.stop()</c>: a table first argument is the context itself.</summary>
    private static int SkipSelf(ScriptCall call) => call.ArgumentCount > 0 && call.IsTable(1) ? 2 : 1;
}
