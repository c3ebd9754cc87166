using System.Globalization;
using RnnPlayground.Core;
using RnnPlayground.Core.Simulation;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// A <see cref="IStreamWorld"/> a script computes (<c>rnn.world{…}</c>): each tick is one call of its
/// <c>observe(t, rng, state)</c>, which returns a table with a number for each series (and the class
/// by name when the world has classes, and optionally <c>note = '…'</c> to mark a change); every
/// <see cref="TicksPerStep"/>-th tick's observation is a step of the model's stream. <c>init(rng)</c>
/// makes the state on each restart. The random source is the host's, seeded, so the same seed gives
/// the same world. A function that errors, returns a field it should not, a missing one or a number
/// that is not finite fails the tick with the script's line and the tick. Lives on the script's
/// thread, like the Lua state.
/// </summary>
internal sealed class ScriptWorld : IStreamWorld
{
    private readonly LuaHost _host;
    private readonly ScriptFunctionReference _observe;
    private readonly ScriptFunctionReference? _init;
    private readonly RandomSource _random = new(1);
    private readonly ScriptValue _rng;
    private readonly ScriptValue[] _arguments = new ScriptValue[2];
    private readonly string[] _names;
    private readonly Action<ScriptOptions> _read;
    private readonly float[] _reading;
    private int _labelRead = -1;
    private string? _noteRead;
    private ScriptValue? _state;

    public ScriptWorld(LuaHost host, HandleKind<RandomSource> randomKind, ScriptFunctionReference observe, ScriptFunctionReference? init,
        IReadOnlyList<StreamSeries> series, IReadOnlyList<string> classNames, int ticksPerStep)
    {
        _host = host;
        _observe = observe;
        _init = init;
        Series = series;
        _names = series.Select(s => s.Name).ToArray();
        Columns = _names;
        ClassNames = classNames;
        TicksPerStep = ticksPerStep;
        _rng = host.KeepHandle(randomKind, _random);
        _reading = new float[_names.Length];
        _read = Read;
    }

    /// <summary>A hash of the world's code (<c>observe</c> and <c>init</c>, see <see cref="LuaHost.FunctionFingerprint(ScriptFunctionReference)"/>).</summary>
    internal ulong CodeFingerprint() =>
        (_host.FunctionFingerprint(_observe) * 31) ^ (_init is null ? 0 : _host.FunctionFingerprint(_init));

    public IReadOnlyList<StreamSeries> Series { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public int TicksPerStep { get; }

    public long Tick { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Told of a failure before it is thrown (to show it as the script's error).</summary>
    public Action<ScriptException>? Failed { get; set; }

    public void Restart(ulong seed)
    {
        _random.Reseed(seed);
        Tick = 0;
        Note = null;
        _state?.Dispose();
        _state = null;
        if (_init is null) return;
        ScriptCallResult r = _host.TryCallKeeping(_init, [_rng], out ScriptValue? state);
        if (r.Error is { } e) throw Fail(e, "init");
        _state = state;
    }

    public bool Advance(Span<float> observed, Span<float> row, out int label)
    {
        _arguments[0] = _rng;
        _arguments[1] = _state ?? _rng;
        ReadOnlySpan<ScriptValue> arguments = _state is null ? _arguments.AsSpan(0, 1) : _arguments;
        _noteRead = null;
        _labelRead = -1;
        ScriptException? error = _host.TryCallReading(_observe, Tick, arguments, "observe", _read);
        if (error is not null) throw Fail(error, "observe");
        _reading.AsSpan().CopyTo(observed);
        Note = _noteRead;
        Tick++;
        label = _labelRead;
        if (Tick % TicksPerStep != 0) return false;
        _reading.AsSpan().CopyTo(row);
        return true;
    }

    private void Read(ScriptOptions o)
    {
        for (int i = 0; i < _names.Length; i++)
        {
            _reading[i] = (float)o.RequiredNumber(_names[i], NumberRange.Any);
            if (!float.IsFinite(_reading[i])) throw new ScriptArgumentException($"'{_names[i]}' is too large (at most about 3.4e38)");
        }
        if (ClassNames.Count > 0) _labelRead = IndexOf(o.RequiredOneOf("class", ClassNames));
        if (o.Has("note")) _noteRead = o.RequiredString("note");
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < ClassNames.Count; i++)
            if (ClassNames[i] == name) return i;
        return -1;
    }

    private WorldFailedException Fail(ScriptException e, string function)
    {
        string where = function == "init" ? "init" : string.Create(CultureInfo.InvariantCulture, $"tick {Tick}");
        var error = new ScriptException(e.Kind, $"{e.Message} ({where})", e.ScriptPath, e.Line, e.LuaTraceback, e.Hint);
        Failed?.Invoke(error);
        return new WorldFailedException(error.Message, Tick, error);
    }
}
