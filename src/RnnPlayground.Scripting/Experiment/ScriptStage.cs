using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Simulation.Walkthrough;
using RnnPlayground.Scripting.Host;
using RnnPlayground.Snapshots;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// What a script shows on top of the live view and how it steers it: narration (<c>ctx.say</c>),
/// highlighted parts of the network (<c>ctx.highlight</c>), the step-through of one pass
/// (<c>ctx.walk</c>, also the window's T key) and pause/resume/step through the
/// <see cref="Playback"/>. Owned by the simulation thread like the script; every snapshot the live
/// experiment publishes carries its state (<see cref="Decorate"/>). Indices the script gives are 1-based.
/// </summary>
public sealed class ScriptStage
{
    private readonly ScriptSession _session;
    private IReadOnlyList<HighlightMark> _highlights = [];
    private PassWalkthrough? _walk;
    private NetworkSnapshot? _latestNetwork;
    private readonly Dictionary<string, NetworkSnapshot> _networksOf = new(StringComparer.Ordinal);
    private string _shown = "";

    internal ScriptStage(ScriptSession session) => _session = session;

    /// <summary>What plays the experiment; null where nothing does (headless training: pause and step do nothing).</summary>
    public ILivePlayback? Playback { get; set; }

    /// <summary>The narration shown (null: none).</summary>
    public string? Narration { get; private set; }

    /// <summary>The step-through running, if any.</summary>
    public PassWalkthrough? Walk => _walk;

    /// <summary>The names of the script's <c>compare</c> variants, in its order (empty: none).</summary>
    internal IReadOnlyList<string> VariantNames { get; set; } = [];

    /// <summary>
    /// What shows another variant in the live view (a live comparison's sequence): given the variant's
    /// index, it makes that variant's run the current one, keeping the others'. Null where nothing
    /// does (headless training: <c>ctx.show_variant</c> then only checks the name).
    /// </summary>
    public Action<int>? VariantSwitch { get; set; }

    /// <summary><c>ctx.show_variant(name)</c>: the variant's index, checked against the script's variants, shown through <see cref="VariantSwitch"/>.</summary>
    internal void ShowVariant(string name)
    {
        if (VariantNames.Count == 0)
            throw new ScriptArgumentException($"the script has no variants to show (got '{name}'); list them in the experiment's 'compare'");
        int index = -1;
        for (int i = 0; i < VariantNames.Count && index < 0; i++)
            if (string.Equals(VariantNames[i], name, StringComparison.Ordinal)) index = i;
        if (index < 0)
            throw new ScriptArgumentException($"no variant is named '{name}' (the script's variants: {string.Join(", ", VariantNames.Select(v => $"'{v}'"))})");
        VariantSwitch?.Invoke(index);
    }

    /// <summary>
    /// Another run became the current one (a variant shown, or fresh weights): the step-through stops,
    /// the highlights go (they were checked against the other network), and the pass a step-through
    /// starts from is that run's latest one, if it was shown before (null for a fresh run).
    /// </summary>
    internal void RunChanged(string name, bool fresh)
    {
        if (_latestNetwork is { } n) _networksOf[_shown] = n;
        _shown = name;
        _walk = null;
        _highlights = [];
        if (fresh) _networksOf.Remove(name);
        _latestNetwork = _networksOf.GetValueOrDefault(name);
    }

    internal void Say(string? text) => Narration = string.IsNullOrWhiteSpace(text) ? null : text;

    internal void Highlight(IReadOnlyList<HighlightMark> marks, bool add) =>
        _highlights = add ? [.. _highlights, .. marks] : marks;

    /// <summary>
    /// Checks a highlight the script asked for (1-based; 0 for "every") against the network and
    /// returns it 0-based; a layer, step or unit that does not exist is the script's error.
    /// </summary>
    internal HighlightMark Check(int layer, int step, int unit)
    {
        IReadOnlyList<int> sizes = HiddenSizes();
        if (layer < 1 || layer > sizes.Count)
            throw new ScriptArgumentException($"'layer' must be 1..{sizes.Count} (the network has {sizes.Count} recurrent layer(s); got {layer})");
        if (unit > sizes[layer - 1])
            throw new ScriptArgumentException($"'unit' must be 1..{sizes[layer - 1]} (layer {layer} has {sizes[layer - 1]} hidden units; got {unit})");
        int steps = Steps();
        if (step > steps)
            throw new ScriptArgumentException($"'step' must be 1..{steps} (the network is unrolled over {steps} steps; got {step})");
        return new HighlightMark(layer - 1, step - 1, unit - 1);
    }

    /// <summary>Starts a step-through of the latest pass for one unit (0-based), pausing the experiment.</summary>
    /// <exception cref="ScriptArgumentException">No pass has been shown yet.</exception>
    public PassWalkSnapshot StartWalk(int layer, int unit)
    {
        NetworkSnapshot network = _latestNetwork ?? throw new ScriptArgumentException("no pass to step through yet (the network is shown after the first forward pass)");
        Playback?.Pause();
        _walk = new PassWalkthrough(network, layer, unit);
        return _walk.Describe();
    }

    /// <summary>The next step of the walk (starting one for unit 1 of layer 1 when none runs); null once it was at its end (the walk then stops).</summary>
    public PassWalkSnapshot? NextWalk()
    {
        if (_walk is null) return _latestNetwork is null ? null : StartWalk(0, 0);
        if (_walk.Next()) return _walk.Describe();
        _walk = null;
        return null;
    }

    public void StopWalk() => _walk = null;

    /// <summary>Keeps the pass <paramref name="s"/> shows as the one a step-through starts from (not while one runs).</summary>
    internal void Observe(Snapshot s)
    {
        if (s.Network is { } n && _walk is null) _latestNetwork = n;
    }

    /// <summary><paramref name="s"/> with the narration, highlights and walk; while walking, with the walk's frozen network.</summary>
    internal Snapshot Decorate(Snapshot s)
    {
        if (Narration is null && _highlights.Count == 0 && _walk is null) return s;
        return s with
        {
            Network = _walk?.Network ?? s.Network,
            Narration = Narration,
            Highlights = _highlights,
            Walk = _walk?.Describe(),
        };
    }

    private IReadOnlyList<int> HiddenSizes()
    {
        if (_latestNetwork is { } n) return n.HiddenSizes;
        var sizes = new List<int>();
        foreach (RecurrentLayer r in _session.Run?.Model.RecurrentLayers ?? [])
            for (int l = 0; l < r.NumLayers; l++) sizes.Add(r.HiddenSize);
        return sizes;
    }

    private int Steps() => _latestNetwork?.Steps ?? _session.Run?.Definition.Data.Shape.SequenceLength ?? 0;
}
