using System.Text;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// The root <c>rnn</c> table: <c>rnn.read_text(path)</c> and <c>rnn.write_text(path, text)</c> (paths
/// checked by the sandbox); <c>rnn.save(model, path)</c> and <c>rnn.load(model, path)</c> (weights as
/// safetensors; load reads from the output folder first, where save writes); <c>rnn.view{…}</c>
/// (see <see cref="ViewSettingsReader"/>); and for callbacks <c>rnn.stop(reason)</c> and
/// <c>rnn.set_lr(lr)</c>, also reachable as <c>ctx.stop</c> and <c>ctx.set_lr</c>.
/// </summary>
public static class RnnModule
{
    public static void Register(LuaHost host, ScriptSession session, HandleKind<ScriptModel> model)
    {
        RegisterFiles(host);
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
            if (session.Seq2SeqRun is { } seq2seq) seq2seq.RequestStop(reason);
            else session.RequireRun("rnn.stop").RequestStop(reason);
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "set_lr", call =>
        {
            int first = SkipSelf(call);
            double lr = call.Number(first, "lr", NumberRange.Positive);
            session.RequireRun("rnn.set_lr").OverrideLearningRate((float)lr);
            call.ReturnNil();
        });
        host.RegisterFunction("rnn", "view", call =>
        {
            session.View = ViewSettingsReader.Read(call.Options(1));
            call.ReturnNil();
        });
    }

    /// <summary>Only <c>rnn.read_text</c> and <c>rnn.write_text</c>: text files through the sandbox.</summary>
    public static void RegisterFiles(LuaHost host)
    {
        host.RegisterFunction("rnn", "read_text", ReadText);
        host.RegisterFunction("rnn", "write_text", WriteText);
    }

    private static void ReadText(ScriptCall call)
    {
        string path = call.String(1, "path");
        string fullPath = call.Files.ResolveRead(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"cannot read '{path}': no such file");
        long size = new FileInfo(fullPath).Length;
        if (size > call.Host.MemoryAvailable / 2)
            throw new ScriptArgumentException($"'{path}' is too large to read ({size} bytes) within the script's memory limit");
        call.Return(File.ReadAllText(fullPath, Encoding.UTF8));
    }

    private static void WriteText(ScriptCall call)
    {
        string path = call.String(1, "path");
        string text = call.String(2, "text");
        string fullPath = call.Files.ResolveWrite(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Lets <c>ctx:stop()</c> work as well as <c>ctx.stop()</c>: a table first argument is the context itself.</summary>
    private static int SkipSelf(ScriptCall call) => call.ArgumentCount > 0 && call.IsTable(1) ? 2 : 1;
}
