using System.Buffers.Binary;
using System.Text;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Tests.Training;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Checkpoints;

public class CheckpointTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("rnnplay-ckpt-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static readonly ModelSpec Spec = new(3, 0,
        [new RecurrentSpec(CellKind.Lstm, 6, Layers: 2, Dropout: 0.25f), new LinearSpec(2)], HeadMode.LastStep);

    private static Trainer NewTrainer(ulong seed = 42) =>
        TrainerTests.MakeTrainer(ArrayDataset.RandomRegression(50, 7, 3, 2, 0, false, 10), Spec, seed,
            new TrainerOptions { BatchSize = 8, ClipNorm = 0.5 },
            schedule: new ReduceOnPlateauSchedule(0.01f, patience: 1, factor: 0.5f));

    [Test]
    public void TrainSaveLoadContinueIsBitIdenticalToAnUninterruptedRun()
    {
        Trainer straight = NewTrainer();
        for (int i = 0; i < 17; i++) straight.TrainStep();
        straight.Schedule.ReportMetric(1.0);
        straight.Schedule.ReportMetric(2.0);
        for (int i = 0; i < 13; i++) straight.TrainStep();

        Trainer first = NewTrainer();
        for (int i = 0; i < 17; i++) first.TrainStep();
        first.Schedule.ReportMetric(1.0);
        string path = Path.Combine(_dir, "run", "step17.safetensors");
        TrainingCheckpoint.Save(path, first, new Dictionary<string, string> { ["script"] = "test" });

        Trainer resumed = NewTrainer(seed: 999); // different initial weights and random state: all must come from the file
        IReadOnlyDictionary<string, string> meta = TrainingCheckpoint.Restore(path, resumed).Metadata;
        Assert.That(meta["script"], Is.EqualTo("test"));
        Assert.That(resumed.Step, Is.EqualTo(17));
        resumed.Schedule.ReportMetric(2.0);
        for (int i = 0; i < 13; i++) resumed.TrainStep();

        Assert.That(resumed.Model.Parameters.CopyValues(), Is.EqualTo(straight.Model.Parameters.CopyValues()));
        Assert.That(resumed.Optimizer.LearningRate, Is.EqualTo(straight.Optimizer.LearningRate));
        Assert.That(resumed.Random.SaveState(), Is.EqualTo(straight.Random.SaveState()));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    private string SavedCheckpoint()
    {
        Trainer t = NewTrainer();
        for (int i = 0; i < 3; i++) t.TrainStep();
        string path = Path.Combine(_dir, "ckpt.safetensors");
        TrainingCheckpoint.Save(path, t);
        return path;
    }

    private static void AssertRefusedUnchanged(string path, string reason)
    {
        Trainer victim = NewTrainer(7);
        float[] before = victim.Model.Parameters.CopyValues();
        string rngBefore = victim.Random.SaveState();
        var e = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Restore(path, victim));
        Assert.That(e!.Message, Does.StartWith(path + ": ").And.Contain(reason));
        Assert.That(victim.Model.Parameters.CopyValues(), Is.EqualTo(before), "nothing half-loaded");
        Assert.That(victim.Random.SaveState(), Is.EqualTo(rngBefore));
        Assert.That(victim.Step, Is.Zero);
    }

    [Test]
    public void ATruncatedFileIsRefused()
    {
        string path = SavedCheckpoint();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        AssertRefusedUnchanged(path, "truncated");
        File.WriteAllBytes(path, bytes[..5]);
        AssertRefusedUnchanged(path, "truncated");
    }

    [Test]
    public void AFlippedByteInTheDataIsRefused()
    {
        string path = SavedCheckpoint();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        AssertRefusedUnchanged(path, "checksum");
    }

    [Test]
    public void AGarbageHeaderIsRefused()
    {
        string path = Path.Combine(_dir, "garbage.safetensors");
        byte[] header = Encoding.UTF8.GetBytes("{not json");
        var bytes = new byte[8 + header.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        AssertRefusedUnchanged(path, "not valid JSON");
        File.WriteAllText(path, "hello, this is a text file and not a checkpoint at all");
        AssertRefusedUnchanged(path, "not a safetensors file");
    }

    [Test]
    public void ACheckpointOfAnotherModelIsRefused()
    {
        string path = SavedCheckpoint();
        var other = TrainerTests.MakeTrainer(ArrayDataset.RandomRegression(50, 7, 3, 2, 0, false, 10),
            new ModelSpec(3, 0, [new RecurrentSpec(CellKind.Gru, 6), new LinearSpec(2)], HeadMode.LastStep), 1);
        var e = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Restore(path, other));
        Assert.That(e!.Message, Does.Contain("different model"));
        var weights = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.LoadWeights(path, other.Model));
        Assert.That(weights!.Message, Does.Contain("'gru.weight_ih_l0' is missing").And.Contain("unexpected tensors 'lstm.weight_ih_l0'"));
    }

    [Test]
    public void AMissingFileNamesItsPath()
    {
        string path = Path.Combine(_dir, "nope.safetensors");
        var e = Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.Restore(path, NewTrainer()));
        Assert.That(e!.Message, Does.Contain(path));
    }

    [Test]
    public void WeightsRoundTripAndAPyTorchStyleStateDictInFloat64Loads()
    {
        Trainer t = NewTrainer();
        t.TrainStep();
        string path = Path.Combine(_dir, "weights.safetensors");
        TrainingCheckpoint.SaveWeights(path, t.Model);
        var fresh = new SequenceModel(Spec);
        TrainingCheckpoint.LoadWeights(path, fresh);
        Assert.That(fresh.Parameters.CopyValues(), Is.EqualTo(t.Model.Parameters.CopyValues()));
        Assert.That(TrainingCheckpoint.ReadModelSpec(path), Is.EqualTo(Spec));

        // What safetensors.torch.save_file(model.double().state_dict()) writes: F64, no metadata.
        string torchPath = Path.Combine(_dir, "torch.safetensors");
        WriteFloat64StateDict(torchPath, t.Model);
        var fromTorch = new SequenceModel(Spec);
        TrainingCheckpoint.LoadWeights(torchPath, fromTorch);
        Assert.That(fromTorch.Parameters.CopyValues(), Is.EqualTo(t.Model.Parameters.CopyValues()));
    }

    private static void WriteFloat64StateDict(string path, SequenceModel model)
    {
        var header = new StringBuilder("{");
        var data = new List<byte>();
        foreach (var p in model.Parameters.Parameters)
        {
            int begin = data.Count;
            foreach (float v in p.Values)
            {
                var b = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(b, v);
                data.AddRange(b);
            }
            if (header.Length > 1) header.Append(',');
            header.Append($"\"{p.Name}\":{{\"dtype\":\"F64\",\"shape\":[{string.Join(",", p.Shape)}],\"data_offsets\":[{begin},{data.Count}]}}");
        }
        header.Append('}');
        byte[] h = Encoding.UTF8.GetBytes(header.ToString());
        using var f = File.Create(path);
        var len = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)h.Length);
        f.Write(len);
        f.Write(h);
        f.Write(data.ToArray());
    }
}
