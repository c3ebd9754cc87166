using System.Diagnostics;

namespace RnnPlayground.Scripting.Host.Internal;

/// <summary>
/// How host code that works for a script (the pattern matcher, long host calls) keeps to the
/// running call's limits: it charges its steps to the instruction budget and checks the deadline.
/// Once a limit is exceeded the call is marked stopped, so the count hook raises the error again
/// in Lua should a <c>pcall</c> swallow it.
/// </summary>
internal readonly unsafe struct WorkMeter
{
    private readonly HostCounters* _counters;

    public WorkMeter(HostCounters* counters) => _counters = counters;

    /// <summary>Charges <paramref name="steps"/> instructions' worth of work.</summary>
    /// <exception cref="ScriptLimitException">The budget or the time is used up (or another limit was hit).</exception>
    public void Charge(long steps)
    {
        HostCounters* c = _counters;
        if (c == null || c->Enforcing == 0) return;
        if (c->Tripped == (int)LimitKind.None)
        {
            c->InstructionsLeft -= steps;
            if (c->InstructionsLeft < 0) c->Tripped = (int)LimitKind.Instructions;
            else if (Stopwatch.GetTimestamp() > c->Deadline) c->Tripped = (int)LimitKind.Time;
        }
        if (c->Tripped != (int)LimitKind.None) throw new ScriptLimitException((LimitKind)c->Tripped);
    }
}
