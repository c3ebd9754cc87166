using System.CommandLine;

namespace RnnPlayground.App.Sharding;

/// <summary>
/// The <c>--shard I/N | auto/N</c> option, checked while parsing like <see cref="CheckedOptions"/>:
/// a malformed or out-of-range value is one line naming the option, reported before anything runs.
/// </summary>
internal static class ShardOption
{
    /// <summary>The option, null when not given; <c>auto</c> reads <paramref name="environment"/> (default: this process's).</summary>
    public static Option<ShardSpec?> Create(string description, string name = "--shard", Func<string, string?>? environment = null)
    {
        Func<string, string?> env = environment ?? Environment.GetEnvironmentVariable;
        return new Option<ShardSpec?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
                if (ShardSpec.TryParse(text, env, out ShardSpec shard, out string error, name)) return shard;
                result.AddError(error);
                return null;
            },
        };
    }
}
