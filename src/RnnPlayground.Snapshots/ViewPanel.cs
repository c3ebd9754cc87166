namespace RnnPlayground.Snapshots;

/// <summary>The panels a scene can show; <see cref="All"/> lays out every panel at once.</summary>
public enum ViewPanel
{
    All,
    Network,
    Weather,
    Training,
}
