using RnnPlayground.Rendering.Drawing;
using RnnPlayground.Snapshots;
using RowSpec = (RnnPlayground.Rendering.Views.NetworkBandKind Kind, int Layer, int Shown, int Total, string Label);

namespace RnnPlayground.Rendering.Views;

/// <summary>What a row of the unrolled network shows.</summary>
public enum NetworkBandKind
{
    Input,
    Hidden,
    Output,
}

/// <summary>
/// One row of the unrolled network: a vertical strip of cells per time step. <see cref="XOffset"/>
/// shifts the strips of every other row right so that the lines between rows have room.
/// </summary>
/// <param name="RowHeight">Pixels from one unit's row to the next: the cell size, or more for a row whose units are named.</param>
public sealed record NetworkBand(NetworkBandKind Kind, int Layer, int Shown, int Total, float Top, float XOffset, string Label, float RowHeight)
{
    /// <summary>Height of the whole row.</summary>
    public float Height => Shown * RowHeight;
}

/// <summary>
/// Geometry of <see cref="UnrolledNetworkView"/> for one snapshot in one rectangle: which steps,
/// layers and units are shown, and where each cell is, so that callers (and tests) can find cell
/// (t, layer, unit) in the picture. Columns are time steps (oldest left); rows from the top are the
/// output, the recurrent layers from last to first, the input, then the gradient-norm bars. When the
/// snapshot names its inputs and outputs (<see cref="NetworkLabels"/>) and the view gives a names
/// column, those rows are tall enough for a name per unit, and fewer hidden units are shown to make
/// room; a text model gets a row of the characters read and predicted above the output.
/// </summary>
public sealed class NetworkLayout
{
    private const float LabelWidth = 80f;

    /// <summary>Width of the band labels ("input", "9 units") left of a names column.</summary>
    public const float BandLabelWidth = 62f;

    /// <summary>Row height of a unit with a name beside it.</summary>
    public const float NamedRowHeight = 13f;

    /// <summary>Height of the row of characters a text model reads and predicts.</summary>
    public const float TokenRowHeight = 18f;

    /// <summary>Fewest hidden units per layer kept when rows are made tall for names.</summary>
    private const int MinHiddenShown = 4;
    private const float HeaderHeight = 20f;
    private const float StepLabelHeight = 16f;
    private const float MaxCell = 22f;
    private const float MinCell = 3f;

    /// <summary>The smallest cell worth showing more units for: smaller, a row shows fewer units instead.</summary>
    private const float ReadableCell = 5f;

    private readonly Dictionary<int, NetworkBand> _hiddenBands = [];
    private float _bandGap;

    private NetworkLayout(NetworkSnapshot network, RectF area, ViewSettings? settings, float namesWidth)
    {
        Network = network;
        Area = area;
        Validate(network);
        var maxUnits = Math.Max(1, settings?.MaxUnits ?? 16);
        var layers = (settings?.Layers ?? Enumerable.Range(0, network.HiddenSizes.Count).ToList())
            .Where(l => l >= 0 && l < network.HiddenSizes.Count).Distinct().Order().ToArray();
        Layers = layers;
        GateCount = network.GateOrder.Count;
        ShowGates = (settings?.ShowGates ?? true) && GateCount > 0 && network.Gates.Count > 0;
        MaxConnections = Math.Max(0, settings?.MaxConnections ?? 10);
        WeightLabels = settings?.WeightLabels ?? false;

        // Rows, top to bottom; every other row (counted from the input) is shifted right.
        var specs = new List<RowSpec>();
        if (network.OutputSize > 0)
        {
            specs.Add((NetworkBandKind.Output, -1, Math.Min(network.OutputSize, maxUnits), network.OutputSize, "output"));
        }

        foreach (var l in layers.Reverse())
        {
            specs.Add((NetworkBandKind.Hidden, l, Math.Min(network.HiddenSizes[l], maxUnits), network.HiddenSizes[l], $"{network.CellType.Name().Replace("rnn_", "rnn ", StringComparison.Ordinal)} {l + 1}"));
        }

        if (network.InputSize > 0)
        {
            specs.Add((NetworkBandKind.Input, -1, Math.Min(network.InputSize, maxUnits), network.InputSize, "input"));
        }

        Header = area.TakeTop(HeaderHeight);
        var labels = network.Labels;
        HasTokenRow = labels is { IsText: true } && labels.StepTokens.Count == network.Steps && network.OutputSize > 0;
        var table = WeightLabels ? WeightTable.Height(network, layers) : 0f;
        var body = area.SkipTop(HeaderHeight + 4f + (HasTokenRow ? TokenRowHeight : 0f)).Inset(0f, 0f, 0f, table > 0f ? table + 4f : 0f);
        var gradientHeight = MathF.Round(Math.Clamp(body.Height * 0.16f, 28f, 70f));
        var bandGap = MathF.Round(Math.Clamp(body.Height * 0.05f, 10f, 26f));
        var available = body.Height - gradientHeight - StepLabelHeight - 8f - (bandGap * Math.Max(0, specs.Count - 1));
        // Labels taller than their row may reach half a gap beyond it, and so half a gap is kept above the first row and below the last.
        _bandGap = bandGap;
        available -= bandGap;
        var (cell, named) = FitRows(specs, available, namesWidth > 0f ? labels : null);
        NamesWidth = named ? namesWidth : 0f;
        var labelWidth = named ? MathF.Max(LabelWidth, BandLabelWidth + namesWidth) : LabelWidth;
        NamesRight = body.X + labelWidth - 4f;

        // Width: strips of cell + gates, the shift between rows, and the pitch between steps.
        var stepsWanted = Math.Clamp(settings?.MaxSteps ?? network.Steps, 1, network.Steps);
        var width = body.Width - labelWidth - 8f;
        float gateWidth, strip, stagger, pitch;
        int steps;
        while (true)
        {
            gateWidth = ShowGates ? MathF.Max(2f, MathF.Round(cell * 0.45f)) : 0f;
            strip = cell + (ShowGates ? 2f + (GateCount * gateWidth) : 0f);
            stagger = strip + MathF.Max(20f, MathF.Round(cell * 2.5f));
            var minGap = MathF.Max(12f, cell);
            var fit = (int)MathF.Floor((width - stagger - strip) / (strip + minGap)) + 1;
            steps = Math.Clamp(Math.Min(fit, stepsWanted), 1, stepsWanted);
            if (fit >= Math.Min(stepsWanted, 12) || cell <= MinCell)
            {
                break;
            }

            cell -= 1f; // shrink cells to fit more steps before dropping old steps
        }

        pitch = steps > 1 ? MathF.Floor(MathF.Min((width - stagger - strip) / (steps - 1), (strip * 5f) + 60f)) : 0f;
        CellSize = cell;
        GateWidth = gateWidth;
        StripWidth = strip;
        Stagger = stagger;
        Pitch = pitch;
        StepCount = steps;
        FirstStep = network.Steps - steps;
        var used = ((steps - 1) * pitch) + stagger + strip;
        Origin = MathF.Round(body.X + labelWidth + MathF.Max(0f, (width - used) / 2f));

        // Each row sits in the middle of a slot tall enough for it and for its labels.
        var slotsHeight = Heights(specs, cell, named).Slots;
        var bandsHeight = slotsHeight + (bandGap * Math.Max(0, specs.Count - 1));
        var y = MathF.Round(body.Y + (bandGap / 2f) + MathF.Max(0f, (available - slotsHeight) / 2f));
        TokenRowY = y - TokenRowHeight;
        var bands = new List<NetworkBand>();
        for (var i = 0; i < specs.Count; i++)
        {
            var fromBottom = specs.Count - 1 - i;
            var s = specs[i];
            var rowHeight = RowHeightOf(s.Kind, cell, named);
            var slot = SlotHeight(s.Kind, s.Shown, cell, named);
            var top = MathF.Round(y + ((slot - (s.Shown * rowHeight)) / 2f));
            var band = new NetworkBand(s.Kind, s.Layer, s.Shown, s.Total, top, fromBottom % 2 == 1 ? stagger : 0f, s.Label, rowHeight);
            bands.Add(band);
            if (s.Kind == NetworkBandKind.Hidden)
            {
                _hiddenBands[s.Layer] = band;
            }

            y += slot + bandGap;
        }

        Bands = bands;
        var gradientTop = MathF.Round(body.Y + bandGap + bandsHeight + MathF.Max(0f, (available - slotsHeight) / 2f) + 8f);
        GradientArea = new RectF(body.X, gradientTop, body.Width, gradientHeight);
        StepLabelY = gradientTop + gradientHeight + 3f;

        InputScale = Scale(network.Inputs);
        OutputScale = Scale(network.Outputs);
        HiddenScales = [.. network.Hidden.Select(h => network.CellType.IsUnbounded() ? Scale(h) : 1f)];
    }

    public NetworkSnapshot Network { get; }

    public RectF Area { get; }

    /// <summary>The strip above the grid with the title line and the colour legends.</summary>
    public RectF Header { get; }

    /// <summary>Recurrent layers shown (0-based), first to last.</summary>
    public IReadOnlyList<int> Layers { get; }

    /// <summary>Rows, top to bottom.</summary>
    public IReadOnlyList<NetworkBand> Bands { get; }

    /// <summary>The first time step shown (older steps did not fit or were not asked for).</summary>
    public int FirstStep { get; }

    public int StepCount { get; }

    public float CellSize { get; }

    public float GateWidth { get; }

    public int GateCount { get; }

    public bool ShowGates { get; }

    public int MaxConnections { get; }

    /// <summary>Whether the weight lines of the last step shown carry their values.</summary>
    public bool WeightLabels { get; }

    /// <summary>Width of one step's strip: a cell plus its gate columns.</summary>
    public float StripWidth { get; }

    public float Stagger { get; }

    /// <summary>Pixels between consecutive steps.</summary>
    public float Pitch { get; }

    /// <summary>The rows of gradient-norm bars (including the label column).</summary>
    public RectF GradientArea { get; }

    public float StepLabelY { get; }

    /// <summary>Inputs are coloured as value / InputScale through the diverging map.</summary>
    public float InputScale { get; }

    public float OutputScale { get; }

    /// <summary>Per recurrent layer: hidden values are coloured as value / scale (1 for tanh-bounded cells).</summary>
    public IReadOnlyList<float> HiddenScales { get; }

    private float Origin { get; }

    /// <param name="namesWidth">Width of the column of unit names (and decoded outputs) left of the grid; 0 for no names.</param>
    public static NetworkLayout Compute(NetworkSnapshot network, RectF area, ViewSettings? settings = null, float namesWidth = 0f)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new NetworkLayout(network, area, settings, namesWidth);
    }

    /// <summary>Whether the input row's units are named (tall rows, names in the names column).</summary>
    public bool InputsNamed { get; private set; }

    /// <summary>Whether the output row's units are named.</summary>
    public bool OutputsNamed { get; private set; }

    /// <summary>Width of the names column (0: no names shown).</summary>
    public float NamesWidth { get; }

    /// <summary>Where unit names end (they are right-aligned here, left of the grid).</summary>
    public float NamesRight { get; }

    /// <summary>Whether the row of characters read and predicted (text models) is shown above the output.</summary>
    public bool HasTokenRow { get; }

    /// <summary>Top of the token row.</summary>
    public float TokenRowY { get; }

    /// <summary>
    /// How much each row's labels say: 2 its name, units shown and (a recurrent layer with gates) the gate
    /// order; 1 its name and the gate order; 0 its name only. Less is said only when the rows' labels
    /// would not fit otherwise.
    /// </summary>
    public int LabelLevel { get; private set; } = 2;

    /// <summary>Height of a row's labels left of it at <see cref="LabelLevel"/>: its name (16 px), then a 14 px line for the units shown and one for the gate order.</summary>
    public float LabelBlockHeight(NetworkBandKind kind) =>
        16f + (LabelLevel == 2 ? 14f : 0f) + (kind == NetworkBandKind.Hidden && ShowGates && LabelLevel >= 1 ? 14f : 0f);

    /// <summary>The height a row takes: its cells, or its labels less the gap they may reach into (half on each side).</summary>
    private float SlotHeight(NetworkBandKind kind, int shown, float cell, bool named) =>
        MathF.Max(shown * RowHeightOf(kind, cell, named), LabelBlockHeight(kind) - _bandGap);

    /// <summary>
    /// Sizes the rows (<see cref="SizeRows"/>) so that they and their labels fit <paramref name="available"/>
    /// with cells large enough to see: room is taken from the cells for the labels of short rows, and rows
    /// show fewer units (down to a few) rather than cells smaller than <see cref="ReadableCell"/>; when that is
    /// not enough the labels say less (<see cref="LabelLevel"/>), and with names alone the rows may show as
    /// few as one unit at the smallest cells.
    /// </summary>
    private (float Cell, bool Named) FitRows(List<RowSpec> specs, float available, NetworkLabels? labels)
    {
        for (LabelLevel = 2; LabelLevel >= 0; LabelLevel--)
        {
            var fit = LabelLevel > 0
                ? TryFitRows(specs, available, labels, MinHiddenShown, ReadableCell)
                : TryFitRows(specs, available, labels, 1, MinCell);
            if (fit is { } sized)
            {
                return sized;
            }
        }

        LabelLevel = 0;
        return SizeRows(specs, available, labels);
    }

    /// <summary>
    /// Rows and labels in <paramref name="available"/> with cells of at least <paramref name="smallest"/>, taking one
    /// unit at a time from the row showing the most (never below <paramref name="least"/>); null when they do not fit.
    /// </summary>
    private (float Cell, bool Named)? TryFitRows(List<RowSpec> specs, float available, NetworkLabels? labels, int least, float smallest)
    {
        var labelRoom = 0f;
        var rowSpecs = new List<RowSpec>(specs);
        var sized = new List<RowSpec>(specs.Count);
        for (var attempt = 0; attempt < 400; attempt++)
        {
            sized.Clear();
            sized.AddRange(rowSpecs);
            var (cell, named) = SizeRows(sized, available - labelRoom, labels);
            var (rows, slots) = Heights(sized, cell, named);
            if (slots <= available + 0.5f && cell >= smallest)
            {
                specs.Clear();
                specs.AddRange(sized);
                return (cell, named);
            }

            if (slots - rows > labelRoom)
            {
                labelRoom = slots - rows;
                continue;
            }

            var widest = -1;
            for (var i = 0; i < sized.Count; i++)
            {
                if (sized[i].Shown > least && (widest < 0 || sized[i].Shown > sized[widest].Shown))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                return null;
            }

            rowSpecs[widest] = rowSpecs[widest] with { Shown = Math.Min(rowSpecs[widest].Shown, sized[widest].Shown) - 1 };
        }

        return null;
    }

    /// <summary>
    /// The cell size, and whether named rows are made tall for their names: the hidden rows then
    /// share what the named rows leave, showing fewer units (never fewer than a few) to keep cells visible.
    /// </summary>
    private (float Cell, bool Named) SizeRows(List<RowSpec> specs, float available, NetworkLabels? labels)
    {
        var plain = MathF.Floor(Math.Clamp(available / Math.Max(1, ShownIn(specs)), MinCell, MaxCell));
        InputsNamed = labels is not null && labels.InputNames.Count > 0 && labels.InputNames.Count == Network.InputSize;
        OutputsNamed = labels is not null && labels.OutputNames.Count > 0 && labels.OutputNames.Count == Network.OutputSize;
        var namedRows = ShownIn(specs, named: true);
        if (namedRows == 0 || plain >= NamedRowHeight)
        {
            return (plain, namedRows > 0);
        }

        const float minCell = 6f;
        var room = available - (namedRows * NamedRowHeight);
        var hiddenBands = 0;
        foreach (var s in specs)
        {
            hiddenBands += s.Kind == NetworkBandKind.Hidden ? 1 : 0;
        }

        var otherRows = ShownIn(specs, named: false, hidden: false);
        int PlainRows() => ShownIn(specs, named: false);
        if (PlainRows() > 0 && room / PlainRows() < minCell)
        {
            var perLayer = hiddenBands == 0 ? 0 : (int)MathF.Floor(((room / minCell) - otherRows) / hiddenBands);
            if (perLayer < MinHiddenShown)
            {
                InputsNamed = OutputsNamed = false;
                return (plain, false);
            }

            for (var i = 0; i < specs.Count; i++)
            {
                if (specs[i].Kind == NetworkBandKind.Hidden)
                {
                    specs[i] = specs[i] with { Shown = Math.Min(specs[i].Shown, perLayer) };
                }
            }
        }

        var cell = PlainRows() > 0 ? MathF.Floor(Math.Clamp(room / PlainRows(), MinCell, NamedRowHeight)) : NamedRowHeight;
        return (cell, true);
    }

    /// <summary>Units shown in the rows that are (or are not) named and (or not) hidden; null: either.</summary>
    private int ShownIn(List<RowSpec> specs, bool? named = null, bool? hidden = null)
    {
        var sum = 0;
        foreach (var s in specs)
        {
            if ((named is null || IsNamed(s.Kind) == named) && (hidden is null || (s.Kind == NetworkBandKind.Hidden) == hidden))
            {
                sum += s.Shown;
            }
        }

        return sum;
    }

    /// <summary>The height of the rows' cells, and of their slots (<see cref="SlotHeight"/>).</summary>
    private (float Rows, float Slots) Heights(List<RowSpec> specs, float cell, bool named)
    {
        float rows = 0f, slots = 0f;
        foreach (var s in specs)
        {
            rows += s.Shown * RowHeightOf(s.Kind, cell, named);
            slots += SlotHeight(s.Kind, s.Shown, cell, named);
        }

        return (rows, slots);
    }

    private bool IsNamed(NetworkBandKind kind) =>
        (kind == NetworkBandKind.Input && InputsNamed) || (kind == NetworkBandKind.Output && OutputsNamed);

    private float RowHeightOf(NetworkBandKind kind, float cell, bool named) =>
        named && IsNamed(kind) ? MathF.Max(cell, NamedRowHeight) : cell;

    public bool IsStepShown(int step) => step >= FirstStep && step < FirstStep + StepCount;

    /// <summary>The row of recurrent layer <paramref name="layer"/>, or null when it is hidden.</summary>
    public NetworkBand? HiddenBand(int layer) => _hiddenBands.GetValueOrDefault(layer);

    public NetworkBand? InputBand => Bands.FirstOrDefault(b => b.Kind == NetworkBandKind.Input);

    public NetworkBand? OutputBand => Bands.FirstOrDefault(b => b.Kind == NetworkBandKind.Output);

    /// <summary>Left edge of <paramref name="band"/>'s strip at <paramref name="step"/>.</summary>
    public float StripX(NetworkBand band, int step) => Origin + ((step - FirstStep) * Pitch) + band.XOffset;

    /// <summary>The square of unit <paramref name="unit"/> of <paramref name="band"/> at <paramref name="step"/> (one pixel of gap included on the right and bottom when cells are large).</summary>
    public RectF Cell(NetworkBand band, int step, int unit)
    {
        ArgumentNullException.ThrowIfNull(band);
        CheckStep(step);
        if ((uint)unit >= (uint)band.Shown)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"band '{band.Label}' shows units 0..{band.Shown - 1}");
        }

        var inner = CellSize >= 6f ? CellSize - 1f : CellSize;
        var tall = band.RowHeight >= 6f ? band.RowHeight - 1f : band.RowHeight;
        return new RectF(StripX(band, step), band.Top + (unit * band.RowHeight), inner, tall);
    }

    /// <summary>Hidden unit <paramref name="unit"/> of recurrent layer <paramref name="layer"/> at <paramref name="step"/>.</summary>
    public RectF HiddenCell(int step, int layer, int unit) =>
        Cell(HiddenBand(layer) ?? throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer not shown"), step, unit);

    public RectF InputCell(int step, int index) =>
        Cell(InputBand ?? throw new InvalidOperationException("the network has no input row"), step, index);

    /// <summary>The heatmap cell of gate <paramref name="gate"/> (index into GateOrder) for one unit, right of its hidden cell.</summary>
    public RectF GateCell(int step, int layer, int gate, int unit)
    {
        if (!ShowGates)
        {
            throw new InvalidOperationException("gates are not shown");
        }

        if ((uint)gate >= (uint)GateCount)
        {
            throw new ArgumentOutOfRangeException(nameof(gate), gate, $"must be in 0..{GateCount - 1}");
        }

        var cell = HiddenCell(step, layer, unit);
        var w = GateWidth >= 3f ? GateWidth - 1f : GateWidth;
        return new RectF(cell.X + CellSize + 2f + (gate * GateWidth), cell.Y, w, cell.Height);
    }

    /// <summary>The slot of the gradient-norm bar of <paramref name="step"/> (the bar grows up from its bottom).</summary>
    public RectF GradientSlot(int step)
    {
        CheckStep(step);
        var x = Origin + ((step - FirstStep) * Pitch);
        return new RectF(x, GradientArea.Y, StripWidth, GradientArea.Height);
    }

    private static float Scale(float[] values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                max = MathF.Max(max, MathF.Abs(v));
            }
        }

        return MathF.Max(1f, max);
    }

    private static void Validate(NetworkSnapshot n)
    {
        if (n.Steps < 1)
        {
            throw new ArgumentException($"network snapshot: Steps must be >= 1 (got {n.Steps})");
        }

        if (n.Hidden.Count != n.HiddenSizes.Count || (n.Gates.Count != n.HiddenSizes.Count && n.Gates.Count != 0))
        {
            throw new ArgumentException($"network snapshot: {n.HiddenSizes.Count} layer sizes but {n.Hidden.Count} hidden and {n.Gates.Count} gate arrays");
        }

        if (n.Inputs.Length != n.Steps * n.InputSize)
        {
            throw new ArgumentException($"network snapshot: Inputs has {n.Inputs.Length} values, expected Steps×InputSize = {n.Steps * n.InputSize}");
        }

        if (n.Outputs.Length != n.Steps * n.OutputSize)
        {
            throw new ArgumentException($"network snapshot: Outputs has {n.Outputs.Length} values, expected Steps×OutputSize = {n.Steps * n.OutputSize}");
        }

        for (var l = 0; l < n.HiddenSizes.Count; l++)
        {
            if (n.Hidden[l].Length != n.Steps * n.HiddenSizes[l])
            {
                throw new ArgumentException($"network snapshot: Hidden[{l}] has {n.Hidden[l].Length} values, expected Steps×H = {n.Steps * n.HiddenSizes[l]}");
            }

            if (n.Gates.Count > 0 && n.Gates[l].Length != n.Steps * n.GateOrder.Count * n.HiddenSizes[l])
            {
                throw new ArgumentException($"network snapshot: Gates[{l}] has {n.Gates[l].Length} values, expected Steps×G×H = {n.Steps * n.GateOrder.Count * n.HiddenSizes[l]}");
            }
        }
    }

    private void CheckStep(int step)
    {
        if (!IsStepShown(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"steps {FirstStep}..{FirstStep + StepCount - 1} are shown");
        }
    }
}
