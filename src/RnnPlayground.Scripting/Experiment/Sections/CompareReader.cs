using RnnPlayground.Core.Experiments;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Training;
using RnnPlayground.Scripting.Host;

namespace RnnPlayground.Scripting.Experiment.Sections;

/// <summary>
/// The experiment's <c>compare</c> section: <c>{ {name = 'lstm', model = …, clip = 0, …}, … }</c>,
/// each variant the experiment with some fields replaced (data, model, optimizer, schedule, clip, batch,
/// bptt, steps, epochs, seed); <c>clip = 0</c> turns clipping off for that variant. A variant with its
/// own data (a lesson's other task) needs its own model, resolved against that data.
/// </summary>
internal static class CompareReader
{
    /// <summary>The variants of <paramref name="experiment"/>, whose model is <paramref name="model"/> and data <paramref name="data"/>.</summary>
    public static IReadOnlyList<ScriptedExperiment.Variant> Read(IEnumerable<ScriptOptions> compare, ExperimentKinds kinds,
        ExperimentDefinition experiment, ScriptModel model, ScriptDataset data)
    {
        var variants = new List<ScriptedExperiment.Variant>();
        foreach (ScriptOptions v in compare)
        {
            string variantName = v.RequiredString("name");
            if (OutputFolder.NameProblem(variantName) is { } problem) throw new ScriptArgumentException($"'compare' variant '{variantName}': the name {problem}");
            if (variants.FirstOrDefault(x => OutputFolder.SameFolder(x.Name, variantName)) is { } twin)
            {
                throw new ScriptArgumentException(twin.Name == variantName ? $"two variants are named '{variantName}'"
                    : $"'compare' variants '{twin.Name}' and '{variantName}' would share one output folder; name them apart");
            }
            ScriptDataset? ownData = v.OptionalHandle("data", kinds.Data);
            ScriptDataset variantData = ownData ?? data;
            ScriptModel variantModel = v.OptionalHandle("model", kinds.Model) ?? model;
            if (ownData is not null && ReferenceEquals(variantModel, model))
                throw new ScriptArgumentException($"'compare' variant '{variantName}' has its own data, so it needs its own model (model = rnn.nn.…)");
            ModelSpec variantSpec = ReferenceEquals(variantModel, model) ? experiment.Model : variantModel.Resolve(variantData);
            int batch = v.OptionalInt("batch", IntRange.Between(1, 1_000_000), experiment.Training.BatchSize);
            HostMemory.CheckModel(v.Host, variantSpec, batch, variantData.Shape.SequenceLength);
            double? variantClip = experiment.Training.ClipNorm;
            if (v.Has("clip"))
            {
                double c = v.RequiredNumber("clip", NumberRange.NonNegative);
                variantClip = c > 0 ? c : null;
            }
            var variant = experiment with
            {
                Name = $"{experiment.Name}-{variantName}",
                Data = variantData.Data,
                Metadata = ownData is null ? experiment.Metadata : new Dictionary<string, string>(ownData.Metadata) { ["script"] = experiment.Metadata.GetValueOrDefault("script", "") },
                Model = variantSpec,
                Optimizer = v.OptionalHandle("optimizer", kinds.Optimizer) ?? experiment.Optimizer,
                Schedule = v.OptionalHandle("schedule", kinds.Schedule) ?? experiment.Schedule,
                Training = experiment.Training with
                {
                    ClipNorm = variantClip,
                    BatchSize = batch,
                    TruncatedBptt = v.Has("bptt") ? v.RequiredInt("bptt", IntRange.Positive) : experiment.Training.TruncatedBptt,
                },
                Steps = v.Has("steps") ? v.RequiredInt("steps", IntRange.Positive) : experiment.Steps,
                Epochs = v.Has("epochs") ? v.RequiredInt("epochs", IntRange.Positive) : experiment.Epochs,
                Seed = (ulong)v.OptionalInt("seed", IntRange.NonNegative, (int)experiment.Seed),
            };
            Refusing.Arguments(() =>
            {
                variant.Validate();
                Trainer.CheckCompatible(new SequenceModel(variantSpec), variantData.Shape, new TaskLoss(variantData.Shape));
                return variant;
            });
            variants.Add(new ScriptedExperiment.Variant(variantName, variant, variantModel, ownData));
        }
        return variants;
    }
}
