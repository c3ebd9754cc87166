using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using RnnPlayground.Core.Checkpoints;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Tests.Training;
using RnnPlayground.Core.Training;

namespace RnnPlayground.Core.Tests.Checkpoints;

/// <summary>
/// Edited and damaged checkpoints: the checksum covers the header, a re-signed edit is caught by
/// the range checks, a stripped checksum is refused in our format, and every refusal names the
/// file and the field.
/// </summary>
public class CheckpointTamperingTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("rnnplay-tamper-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static readonly ModelSpec Spec = new(3, 0, [new RecurrentSpec(CellKind.Gru, 5), new LinearSpec(2)], HeadMode.LastStep);

    private static Trainer NewTrainer(ulong seed = 42) =>
        TrainerTests.MakeTrainer(ArrayDataset.RandomRegression(40, 6, 3, 2, 0, false, 10), Spec, seed, new TrainerOptions { BatchSize = 8 });

    /// <summary>A checkpoint after 12 steps (2 epochs of 5 batches and 2 more).</summary>
    private string Saved()
    {
        Trainer t = NewTrainer();
        for (int i = 0; i < 12; i++) t.TrainStep();
        string path = Path.Combine(_dir, "ckpt.safetensors");
        TrainingCheckpoint.Save(path, t);
        return path;
    }

    private static void AssertRefused(string path, params string[] reasons)
    {
        Trainer victim = NewTrainer(7);
        float[] before = victim.Model.Parameters.CopyValues();
        var e = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Restore(path, victim));
        Assert.That(e!.Message, Does.StartWith(path + ": "));
        foreach (string reason in reasons) Assert.That(e.Message, Does.Contain(reason));
        Assert.That(e.Message, Does.Not.Contain("System.").And.Not.Contain("Exception").And.Not.Contain("\n"));
        Assert.That(victim.Model.Parameters.CopyValues(), Is.EqualTo(before), "nothing half-loaded");
        Assert.That(victim.Step, Is.Zero);
    }

    /// <summary>Rewrites one metadata JSON field, either keeping the old checksum (a plain edit) or signing the edit anew.</summary>
    private static void Edit(string path, string key, string field, JsonNode value, bool resign)
    {
        SafeTensorsContents c = SafeTensorsFile.Read(path);
        var meta = c.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        JsonObject o = JsonNode.Parse(meta[key])!.AsObject();
        o[field] = value;
        meta[key] = o.ToJsonString();
        if (resign)
        {
            SafeTensorsFile.Write(path,
                [.. c.Tensors.Values.Where(t => t.DType == "F32").Select(t => (t.Name, t.Shape, t.Floats))],
                [.. c.Tensors.Values.Where(t => t.DType == "I32").Select(t => (t.Name, t.Shape, t.Ints))], meta);
            return;
        }
        ReplaceHeader(path, h => h["__metadata__"]![key] = meta[key]);
    }

    /// <summary>Rewrites the raw JSON header (the data section kept byte for byte).</summary>
    private static void ReplaceHeader(string path, Action<JsonObject> change)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        JsonObject header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        change(header);
        WriteRaw(path, header.ToJsonString(), bytes.AsSpan(8 + length).ToArray());
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        byte[] h = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + h.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
        h.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + h.Length);
        File.WriteAllBytes(path, bytes);
    }

    [Test]
    public void AnEditedOptimizerStepEpochOrLearningRateIsRefusedByTheChecksum()
    {
        foreach ((string key, string field, JsonNode value) in new (string, string, JsonNode)[]
                 { ("optimizer", "step", 5), ("trainer", "epoch", 1L << 40), ("optimizer", "lr", 1e9) })
        {
            string path = Saved();
            Edit(path, key, field, value, resign: false);
            AssertRefused(path, "checksum", "header and data");
        }
    }

    [Test]
    public void AnEditSignedAnewIsRefusedByTheRangeChecksNamingTheField()
    {
        (string Key, string Field, JsonNode Value, string Says)[] cases =
        [
            ("optimizer", "step", 5, "'optimizer.step' is 5; it must be an integer in 11…12"),
            ("trainer", "epoch", 1L << 40, "'trainer.epoch' is 1099511627776; it must be an integer in 0…2"),
            ("trainer", "epoch", -1, "'trainer.epoch' is -1"),
            ("trainer", "step", "12", "'trainer.step' is \"12\""),
            ("trainer", "position", 41, "'trainer.position' is 41"),
            ("optimizer", "lr", 1e9, "'optimizer.lr' is 1000000000; it must be a number > 0 and ≤ 0.01"),
            ("optimizer", "lr", -0.5, "'optimizer.lr' is -0.5"),
            ("optimizer", "kind", "sgd", "'optimizer.kind' is sgd but this run uses adam"),
            ("trainer", "lr_override", 0, "'trainer.lr_override' is 0"),
            ("trainer", "surprise", 1, "metadata 'trainer' has an unknown field 'surprise'"),
        ];
        foreach ((string key, string field, JsonNode value, string says) in cases)
        {
            string path = Saved();
            Edit(path, key, field, value, resign: true);
            AssertRefused(path, says);
        }
    }

    [Test]
    public void ASampleOrderThatIsNotAPermutationIsRefusedNamingTheTensor()
    {
        string path = Saved();
        SafeTensorsContents c = SafeTensorsFile.Read(path);
        int[] order = c.Tensors["__trainer__.order"].Ints;
        order[0] = order[1];
        SafeTensorsFile.Write(path,
            [.. c.Tensors.Values.Where(t => t.DType == "F32").Select(t => (t.Name, t.Shape, t.Floats))],
            [("__trainer__.order", [order.Length], order)], c.Metadata);
        AssertRefused(path, "tensor '__trainer__.order': the saved sample order is not a permutation of the training split");
    }

    [Test]
    public void ARemovedChecksumWithAFlippedDataByteIsRefusedForResumeAndForWeights()
    {
        string path = Saved();
        ReplaceHeader(path, h => h["__metadata__"]!.AsObject().Remove("sha256"));
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^20] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        AssertRefused(path, "metadata 'sha256' is missing");
        var model = new SequenceModel(Spec);
        var e = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.LoadWeights(path, model));
        Assert.That(e!.Message, Does.StartWith(path + ": metadata 'sha256' is missing"));

        // With the format gone too it is a file from elsewhere: weights load, flagged unverified; resuming is refused.
        ReplaceHeader(path, h => h["__metadata__"]!.AsObject().Remove("format"));
        Assert.That(TrainingCheckpoint.LoadWeights(path, model).Verified, Is.False);
        AssertRefused(path, "metadata 'format' is missing");
    }

    [Test]
    public void OurOwnFilesLoadVerified()
    {
        string path = Saved();
        Assert.That(TrainingCheckpoint.LoadWeights(path, new SequenceModel(Spec)).Verified, Is.True);
        Assert.That(TrainingCheckpoint.Restore(path, NewTrainer(3)).Verified, Is.True);
    }

    [Test]
    public void AFileOfTheEarlierFormatLoadsAsWeightsButIsNotResumed()
    {
        string path = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        byte[] data = bytes[(8 + length)..];
        ReplaceHeader(path, h =>
        {
            h["__metadata__"]!["format"] = SafeTensorsFile.DataOnlyChecksumFormat;
            h["__metadata__"]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
        });
        var model = new SequenceModel(Spec);
        Assert.That(TrainingCheckpoint.LoadWeights(path, model).Verified, Is.False, "its checksum covers the data, not the header");
        AssertRefused(path, "earlier version whose checksum does not cover the header");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path)[..^1], (byte)(data[^1] ^ 1)]);
        Assert.That(Assert.Throws<CheckpointException>(() => TrainingCheckpoint.LoadWeights(path, model))!.Message, Does.Contain("does not match its data"));
    }

    [TestCase("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "header: key 'a' appears twice")]
    [TestCase("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", "tensor 'a': 'data_offsets' must be [begin, end], got 1 value(s)")]
    [TestCase("""{"a":{"dtype":"F32","shape":[1]}}""", "tensor 'a': 'data_offsets' is missing")]
    [TestCase("""{"a":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}""", "tensor 'a': 'dtype' is a JSON number, not a string")]
    [TestCase("""{"a":{"dtype":"F32","shape":"1","data_offsets":[0,4]}}""", "tensor 'a': 'shape' is a JSON string, not an array of integers")]
    [TestCase("""{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", "tensor 'a': 'shape' holds 1.5, not an integer")]
    [TestCase("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,null]}}""", "tensor 'a': 'data_offsets' holds null")]
    [TestCase("""{"a":null}""", "tensor 'a' is a JSON null, not an object")]
    [TestCase("""{"__metadata__":{"format":3}}""", "metadata 'format' is a JSON number, not a string")]
    [TestCase("""{"__metadata__":{"k":"1","k":"2"}}""", "header: '__metadata__': key 'k' appears twice")]
    [TestCase("""[1,2]""", "header is a JSON array, not an object")]
    [TestCase("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "'data_offsets' [0, 4) do not hold F32 [2] (8 bytes)")]
    [TestCase("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}}""", "tensor 'a': unknown field 'x'")]
    public void AMalformedHeaderIsOneLineNamingTheFileAndTheField(string header, string says)
    {
        string path = Path.Combine(_dir, "bad.safetensors");
        WriteRaw(path, header, new byte[8]);
        var e = Assert.Throws<CheckpointException>(() => SafeTensorsFile.Read(path));
        Assert.That(e!.Message, Is.EqualTo($"{path}: {e.Reason}"));
        Assert.That(e.Reason, Does.Contain(says));
        Assert.That(e.Message, Does.Not.Contain("same key").And.Not.Contain("Index was out of range").And.Not.Contain("Object reference"));
    }
}
