using System.Globalization;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// Refuses a model or dataset whose estimated size exceeds <see cref="ScriptLimits.HostMemoryLimitBytes"/>,
/// before anything is allocated.
/// </summary>
internal static class HostMemory
{
    /// <summary>Throws when <paramref name="bytes"/> exceed the host's limit; <paramref name="what"/> says what needs them ("this model").</summary>
    /// <exception cref="ScriptArgumentException">Over the limit.</exception>
    public static void Check(LuaHost host, string what, double bytes, string? detail = null)
    {
        if (host.Limits.HostMemoryLimitBytes is not { } limit || !(bytes > limit)) return;
        throw new ScriptArgumentException($"{what} needs {Format(bytes)}{(detail is null ? "" : $" ({detail})")}, the limit is {Format(limit)}");
    }

    /// <summary>Refuses a model too large to train in batches of <paramref name="batch"/> sequences of <paramref name="steps"/> steps.</summary>
    /// <exception cref="ScriptArgumentException">Over the limit.</exception>
    public static void CheckModel(LuaHost host, Core.Layers.ModelSpec spec, int batch, int steps) =>
        Check(host, "this model", Core.Layers.ModelSize.TrainingBytes(spec, batch, steps),
            $"{Count(Core.Layers.ModelSize.Parameters(spec))} parameters with their gradients, optimizer state and activations");

    /// <summary>Bytes as a short figure: 512 KiB, 37.5 MiB, 5.1 GiB.</summary>
    public static string Format(double bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.#} {units[unit]}");
    }

    /// <summary>A count as in messages: 8.59e9, or 120000 below a million.</summary>
    public static string Count(double n) => n < 1e6
        ? n.ToString("0", CultureInfo.InvariantCulture)
        : n.ToString("0.##e0", CultureInfo.InvariantCulture);
}
