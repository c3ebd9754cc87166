namespace RnnPlayground.Scripting.Host;

/// <summary>
/// How far a script may go before the host stops it. The time limit and instruction budget apply
/// to each call into script code (running the script, each callback); the memory limit to the
/// whole Lua state. Null means no limit.
/// </summary>
public sealed record ScriptLimits
{
    private readonly TimeSpan? _timeLimit = TimeSpan.FromSeconds(10);
    private readonly long? _instructionBudget = 100_000_000;
    private readonly long? _memoryLimitBytes = 256L << 20;
    private readonly int _checkInterval = 1000;
    private readonly long? _hostMemoryLimitBytes = 2L << 30;

    /// <summary>
    /// Limits suited to an experiment: 10 s and 10⁸ Lua instructions per call, 256 MiB of Lua
    /// memory, 2 GiB of host memory for each model and each dataset.
    /// </summary>
    public static ScriptLimits Default { get; } = new();

    /// <summary>No limit at all (hooks still run, so a later limit can be set on a new host).</summary>
    public static ScriptLimits None { get; } = new() { TimeLimit = null, InstructionBudget = null, MemoryLimitBytes = null, HostMemoryLimitBytes = null };

    /// <summary>Wall-clock time one call into script code may take.</summary>
    public TimeSpan? TimeLimit
    {
        get => _timeLimit;
        init
        {
            if (value is { } v && v <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(TimeLimit), v, "must be > 0");
            _timeLimit = value;
        }
    }

    /// <summary>
    /// Lua VM instructions one call into script code may execute (counted every <see cref="CheckInterval"/>);
    /// the host's pattern matcher charges each of its steps as one instruction. The default, 10⁸,
    /// is about a second of a tight loop, well inside the time limit, so a runaway Lua loop is stopped by
    /// the budget, the same way on every machine and under any load; the time limit catches the rest.
    /// </summary>
    public long? InstructionBudget
    {
        get => _instructionBudget;
        init
        {
            if (value is <= 0)
                throw new ArgumentOutOfRangeException(nameof(InstructionBudget), value, "must be > 0");
            _instructionBudget = value;
        }
    }

    /// <summary>Bytes the Lua state may hold, including the host's own prelude (about 100 KiB).</summary>
    public long? MemoryLimitBytes
    {
        get => _memoryLimitBytes;
        init
        {
            if (value is < 1L << 20)
                throw new ArgumentOutOfRangeException(nameof(MemoryLimitBytes), value, "must be at least 1 MiB");
            _memoryLimitBytes = value;
        }
    }

    /// <summary>
    /// Host memory (outside the Lua state) one model or one dataset a script makes may take:
    /// estimated before it is made, so a model with 10⁹ parameters is refused at once with its
    /// size rather than running the machine out of memory. A model counts its weights, gradients,
    /// optimizer state and training activations.
    /// </summary>
    public long? HostMemoryLimitBytes
    {
        get => _hostMemoryLimitBytes;
        init
        {
            if (value is < 1L << 20)
                throw new ArgumentOutOfRangeException(nameof(HostMemoryLimitBytes), value, "must be at least 1 MiB");
            _hostMemoryLimitBytes = value;
        }
    }

    /// <summary>
    /// Lua instructions between two checks of the limits. Smaller stops runaways sooner and costs
    /// more; at 1000 the checks cost about 1% of a tight loop.
    /// </summary>
    public int CheckInterval
    {
        get => _checkInterval;
        init
        {
            if (value is < 1 or > 1_000_000)
                throw new ArgumentOutOfRangeException(nameof(CheckInterval), value, "must be in [1, 1000000]");
            _checkInterval = value;
        }
    }
}
