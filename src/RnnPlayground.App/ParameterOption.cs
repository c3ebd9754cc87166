using System.CommandLine;
using RnnPlayground.Scripting.Experiment;

namespace RnnPlayground.App;

/// <summary>
/// <c>--set name=value</c>, repeatable: values for the script's <c>rnn.params</c>, checked for form
/// while parsing (a missing <c>=</c>, a name that cannot be a parameter, a name given twice); the
/// script then checks each name and parses each value to its default's type.
/// </summary>
internal static class ParameterOption
{
    public static Option<IReadOnlyDictionary<string, string>> Create(string name = "--set") => new(name)
    {
        Description = "Set a parameter the script declares with rnn.params{…}: --set lr=1e-3 --set hidden=64 (repeatable; the value is parsed to the default's type).",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => new Dictionary<string, string>(),
        CustomParser = result =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in result.Tokens)
            {
                string text = token.Value;
                int eq = text.IndexOf('=', StringComparison.Ordinal);
                string key = eq < 0 ? text : text[..eq];
                if (eq < 0 || !ScriptParameters.IsValidName(key))
                {
                    result.AddError($"{name} must be NAME=VALUE with NAME a parameter the script declares (got '{text}')");
                    return values;
                }
                if (!values.TryAdd(key, text[(eq + 1)..]))
                {
                    result.AddError($"{name} {key} is given twice ('{key}={values[key]}' and '{text}')");
                    return values;
                }
            }
            return values;
        },
    };
}
