using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Modules;

/// <summary>
/// <c>local p = rnn.params{ lr = 3e-3, hidden = 32, cell = 'lstm' }</c>: declares the script's
/// tunable parameters with their defaults and returns a table of the values they take — the
/// defaults, or what <c>rnnplay run --set name=value</c> (or a sweep) gave, parsed to each default's
/// type (see <see cref="ScriptParameters"/>).
/// </summary>
internal static class ParamsFunction
{
    public static void Register(LuaHost host, ScriptParameters parameters)
    {
        host.RegisterFunction("rnn", "params", call =>
        {
            IReadOnlyDictionary<string, object> declared = call.PlainTable(1, "params");
            var values = new List<(string Name, object Value)>(declared.Count);
            foreach ((string name, object value) in declared) values.Add((name, parameters.Declare(name, value)));
            ScriptTableWriter table = call.ReturnTable(values.Count);
            foreach ((string name, object value) in values)
            {
                switch (value)
                {
                    case long i: table.Set(name, i); break;
                    case double d: table.Set(name, d); break;
                    case bool b: table.Set(name, b); break;
                    default: table.Set(name, (string)value); break;
                }
            }
        });
    }
}
