namespace RnnPlayground.Snapshots;

/// <summary>
/// Where a step-through of one pass stands: the column being computed (forward) or the step the
/// gradient has reached (backward), the unit whose update is written out, and the lines that write
/// it out with the model's numbers.
/// </summary>
/// <param name="Backward">Whether the walk is in the backward pass.</param>
/// <param name="Step">The time step shown, 0-based.</param>
/// <param name="Layer">The recurrent layer of the chosen unit, 0-based.</param>
/// <param name="Unit">The chosen hidden unit, 0-based.</param>
/// <param name="Title">One line saying where the walk is, e.g. "forward · step 3 of 14 · rnn 1 unit 2".</param>
/// <param name="Lines">The update written out, one equation per line.</param>
public sealed record PassWalkSnapshot(bool Backward, int Step, int Layer, int Unit, string Title, IReadOnlyList<string> Lines);
