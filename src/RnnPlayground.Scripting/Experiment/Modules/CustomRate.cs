using System.Globalization;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// The rate of <c>rnn.schedule.custom{ lr = function(step, total, base_lr) … end }</c>: one call
/// of the script's function per update, on the thread that trains (the one that owns the script).
/// A function that fails or returns no rate &gt; 0 stops the run with its error (through
/// <see cref="ScriptSession.FunctionFailed"/>) and is not called again; the run finishes its
/// step with the last good rate.
/// </summary>
internal sealed class CustomRate(LuaHost host, ScriptFunctionReference function, ScriptSession session)
{
    private const string Name = "rnn.schedule.custom";
    private double _last = double.NaN;
    private bool _failed;

    public double At(long step, long total, float baseRate)
    {
        if (_failed) return Fallback(baseRate);
        ScriptCallResult r = host.TryCall(function, step, total, baseRate);
        ScriptException? error = r.Error;
        if (error is null)
        {
            double rate = r.ReturnValue switch { long l => l, double d => d, _ => double.NaN };
            if (rate > 0 && double.IsFinite(rate) && (float)rate > 0f) return _last = rate;
            string got = r.ReturnValue switch
            {
                null => "nil",
                string s => $"the string \"{s}\"",
                IConvertible c => c.ToString(CultureInfo.InvariantCulture),
                _ => "a value that is not a number",
            };
            string message = $"{Name}: lr(step {step}) returned {got}; it must return a rate > 0";
            error = new ScriptException(ScriptErrorKind.Runtime, host.ScriptPath is { } p ? $"{p}: {message}" : message, host.ScriptPath, null);
        }
        else
        {
            error = new ScriptException(error.Kind, $"{error.Message} ({Name}'s lr at step {step})", error.ScriptPath, error.Line, error.LuaTraceback, error.Hint);
        }
        _failed = true;
        session.FunctionFailed?.Invoke(Name, error);
        return Fallback(baseRate);
    }

    private double Fallback(float baseRate) => double.IsNaN(_last) ? baseRate : _last;
}
