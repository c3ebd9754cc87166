using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Tests;

/// <summary>A model stand-in for binding tests: remembers its options and scales its input.</summary>
internal sealed class ToyModel(int input, int hidden, int layers, double dropout, string cell)
{
    public int Input { get; } = input;
    public int Hidden { get; } = hidden;
    public int Layers { get; } = layers;
    public double Dropout { get; } = dropout;
    public string Cell { get; } = cell;
    public int Steps { get; set; }
}

internal sealed class ToyDataset(string name)
{
    public string Name { get; } = name;
}

/// <summary>
/// A binding written the way the rnn.* modules will be: <c>rnn.nn.lstm{...}</c> with checked options,
/// a <c>Model</c> handle kind with methods, <c>rnn.data.toy(name)</c> and <c>rnn.train(model, steps, options)</c>.
/// </summary>
internal static class ToyModule
{
    public static readonly string[] Cells = ["rnn", "lstm", "gru"];

    public static (HandleKind<ToyModel> Model, HandleKind<ToyDataset> Dataset) Register(LuaHost host)
    {
        HandleKind<ToyModel> model = host.RegisterHandleKind<ToyModel>("Model",
            m => $"Model({m.Cell} {m.Input}->{m.Hidden})");
        HandleKind<ToyDataset> dataset = host.RegisterHandleKind<ToyDataset>("Dataset", d => $"Dataset({d.Name})");

        host.RegisterFunction("rnn.nn", "lstm", call =>
        {
            ScriptOptions o = call.Options(1);
            int input = o.RequiredInt("input", IntRange.Positive);
            int hidden = o.RequiredInt("hidden", IntRange.Positive);
            int layers = o.OptionalInt("layers", IntRange.Between(1, 8), 1);
            double dropout = o.OptionalNumber("dropout", NumberRange.Between(0, 1), 0);
            string cell = o.OptionalOneOf("cell", Cells, "lstm");
            call.ReturnHandle(model, new ToyModel(input, hidden, layers, dropout, cell));
        });

        host.RegisterFunction("rnn.data", "toy", call => call.ReturnHandle(dataset, new ToyDataset(call.String(1, "name"))));

        host.RegisterFunction("rnn", "train", call =>
        {
            ToyModel m = call.Handle(1, "model", model);
            int steps = call.Int(2, "steps", IntRange.Positive);
            ScriptOptions o = call.OptionalOptions(3);
            ScriptOptions optimizer = o.OptionalTable("optimizer");
            double lr = optimizer.OptionalNumber("lr", NumberRange.Positive, 0.01);
            double momentum = optimizer.OptionalNumber("momentum", NumberRange.Between(0, 1), 0.9);
            float[]? weights = o.OptionalFloats("weights");
            m.Steps += steps;
            call.Return(m.Steps);
            call.Return(lr * momentum * (weights?.Sum() ?? 1));
        });

        model.RegisterMethod("predict", (m, call) =>
        {
            Span<float> x = stackalloc float[64];
            int n = call.ReadFloats(1, "x", x);
            for (int i = 0; i < n; i++) x[i] *= m.Hidden;
            call.ReturnFloats(x[..n]);
        });
        model.RegisterMethod("info", (m, call) =>
            call.ReturnTable(4).Set("input", m.Input).Set("hidden", m.Hidden).Set("cell", m.Cell).Set("dropout", m.Dropout));
        model.RegisterMethod("same", (m, call) => call.Return(ReferenceEquals(m, call.Handle(1, "other", model))));
        return (model, dataset);
    }
}
