namespace RnnPlayground.Rendering.Views;

/// <summary>
/// The thing under the pointer, found in the latest frame's layout: which value of the snapshot it
/// shows (see <see cref="InspectedKind"/> for what each field means there).
/// </summary>
/// <param name="Layer">The recurrent layer (0-based) of a hidden unit, gate or weight; −1 otherwise.</param>
/// <param name="Recurrent">For a weight: W_hh (true) or W_ih (false).</param>
public readonly record struct Inspected(
    InspectedKind Kind,
    int Layer = -1,
    int Step = -1,
    int Unit = -1,
    int Index = -1,
    string? Name = null,
    bool Recurrent = false,
    WindowControl Control = default);
