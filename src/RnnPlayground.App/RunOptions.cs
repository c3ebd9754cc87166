namespace RnnPlayground.App;

/// <summary>What <c>rnnplay run</c> was asked to do.</summary>
internal sealed record RunOptions
{
    public string? Script { get; init; }
    public long? Steps { get; init; }
    public int? Epochs { get; init; }
    public ulong? Seed { get; init; }
    public string? Output { get; init; }
    public bool Headless { get; init; }
    public long? Ticks { get; init; }
    public string? Screenshot { get; init; }
    public string? Record { get; init; }
    public int Frames { get; init; } = 60;

    /// <summary>With <c>--record</c>: keys pressed, spread evenly over the frames (on_key's names, or "t" for the step-through).</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];
    public string? Resume { get; init; }
    public int? Threads { get; init; }
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 800;
    public double? Speed { get; init; }

    /// <summary>Close the window by itself after this many seconds (demos, measurements).</summary>
    public double? Seconds { get; init; }

    /// <summary>Most frames per second the window draws.</summary>
    public double Fps { get; init; } = 30;

    /// <summary>The presenter's scale factor on top of the one that follows the window size.</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Time the window's frames by phase and print the breakdown at the end (<c>--frame-profile</c>).</summary>
    public bool FrameProfile { get; init; }

    /// <summary>Values for the script's <c>rnn.params</c> (<c>--set name=value</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
