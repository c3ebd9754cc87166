using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;

namespace RnnPlayground.Scripting.Experiment;

/// <summary>
/// What a script's experiment is, as one string: every setting of its definition (model, optimizer,
/// schedule, training, selection, seed, steps…), its <c>live</c> section, its <c>compare</c> variants,
/// a hash of samples from each split of its data, the code of a script world (<c>rnn.world</c>'s
/// <c>observe</c>, <c>init</c>) and of every callback that takes part in training (<c>on_step</c>,
/// <c>on_epoch</c>, <c>on_eval</c>, <c>on_finish</c>, <c>on_day</c>), with the numbers, strings and
/// functions they read from enclosing locals.
/// Left out: the <c>view</c> section, <c>on_draw</c> and whatever the script only prints — so two
/// loads of a script that differ only there have the same fingerprint, and the window can keep the
/// trained weights and take only the new view.
/// </summary>
internal static class ExperimentFingerprint
{
    private const int MaxDepth = 6;
    private const int SamplesPerEnd = 16;

    /// <summary>The callbacks whose code is part of the experiment.</summary>
    public static IReadOnlyList<string> TrainingCallbacks { get; } = ["on_step", "on_epoch", "on_eval", "on_finish", "on_day"];

    public static string Of(ScriptedExperiment script, Host.ScriptTable table)
    {
        var b = new StringBuilder();
        b.Append("definition ");
        Write(b, script.Definition, 0);
        b.Append("\nmodel ");
        Write(b, script.Model.Layers, 0);
        Write(b, script.Model.Head, 0);
        b.Append("\ndata ").Append(script.Data.Kind).Append(' ');
        Write(b, script.Data.Metadata, 0);
        b.Append(' ').Append(DataHash(script.Data.Data).ToString("X16", CultureInfo.InvariantCulture));
        if (script.Data.World is { } world)
        {
            b.Append("\nworld ").Append(world.ReportEvery).Append(' ').Append(world.ScriptWorld.CodeFingerprint().ToString("X16", CultureInfo.InvariantCulture));
        }

        b.Append("\nlive ");
        Write(b, script.Live, 0);
        foreach (ScriptedExperiment.Variant v in script.Variants)
        {
            b.Append("\nvariant ").Append(v.Name).Append(' ');
            Write(b, v.Definition, 0);
            Write(b, v.Model.Layers, 0);
            if (v.Data is { } own) b.Append(" data ").Append(own.Kind).Append(' ').Append(DataHash(own.Data).ToString("X16", CultureInfo.InvariantCulture));
        }

        foreach (string callback in TrainingCallbacks)
        {
            b.Append('\n').Append(callback).Append(' ').Append(table.FunctionFingerprint(callback)?.ToString("X16", CultureInfo.InvariantCulture) ?? "none");
        }

        return b.ToString();
    }

    /// <summary>A hash of the first and last samples of every split, as a batch holds them.</summary>
    private static ulong DataHash(ISequenceDataset data)
    {
        ulong h = 14695981039346656037UL;
        foreach (Split split in Enum.GetValues<Split>())
        {
            int count = data.Count(split);
            h = Mix(h, (uint)count);
            if (count == 0) continue;
            var indices = Enumerable.Range(0, Math.Min(count, SamplesPerEnd))
                .Concat(Enumerable.Range(Math.Max(0, count - SamplesPerEnd), Math.Min(count, SamplesPerEnd))).ToArray();
            var batch = new Batch(data.Shape, indices.Length);
            data.Fill(split, indices, batch);
            foreach (float v in batch.Inputs) h = Mix(h, BitConverter.SingleToUInt32Bits(v));
            foreach (int v in batch.Tokens) h = Mix(h, (uint)v);
            foreach (int v in batch.Classes) h = Mix(h, (uint)v);
            foreach (float v in batch.Values) h = Mix(h, BitConverter.SingleToUInt32Bits(v));
        }

        return h;
    }

    private static ulong Mix(ulong h, uint value)
    {
        for (int s = 0; s < 32; s += 8) h = (h ^ ((value >> s) & 0xFF)) * 1099511628211UL;
        return h;
    }

    /// <summary>Writes a value's public state: settings records member by member, collections item by item (dictionaries by key).</summary>
    private static void Write(StringBuilder b, object? value, int depth)
    {
        switch (value)
        {
            case null:
                b.Append("null");
                return;
            case string s:
                b.Append('"').Append(s).Append('"');
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is Enum or decimal:
                b.Append(f.ToString(value is float or double ? "R" : null, CultureInfo.InvariantCulture));
                return;
            case bool flag:
                b.Append(flag ? "true" : "false");
                return;
            case ISequenceDataset or SequenceModel or Delegate or ScriptDataset:
                return; // the data is hashed by its samples; built models and callbacks are not settings
        }

        if (depth >= MaxDepth)
        {
            b.Append('…');
            return;
        }

        if (value is IDictionary dictionary)
        {
            b.Append('{');
            foreach (object key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
            {
                b.Append(key).Append('=');
                Write(b, dictionary[key], depth + 1);
                b.Append(',');
            }

            b.Append('}');
            return;
        }

        if (value is IEnumerable items)
        {
            b.Append('[');
            foreach (object? item in items)
            {
                Write(b, item, depth + 1);
                b.Append(',');
            }

            b.Append(']');
            return;
        }

        Type type = value.GetType();
        b.Append(type.Name).Append('(');
        foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            b.Append(p.Name).Append('=');
            Write(b, p.GetValue(value), depth + 1);
            b.Append(';');
        }

        b.Append(')');
    }
}
