using System.Diagnostics;
using RnnPlayground.Core.Checkpoints;

namespace RnnPlayground.Core.Tests.Checkpoints;

/// <summary>What a checkpoint path may be (a regular file of bounded size) and the temporary files interrupted saves leave.</summary>
public class CheckpointFileTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("rnnplay-ckfile-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static void AssertRefusedBeforeReading(string path, string says)
    {
        var read = Task.Run(() => SafeTensorsFile.Read(path));
        Assert.That(((IAsyncResult)read).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), Is.True, $"{path}: reading must not block");
        var e = read.Exception?.InnerException as CheckpointException;
        Assert.That(e, Is.Not.Null, $"{path}: {read.Exception}");
        Assert.That(e!.Message, Does.StartWith(path + ": ").And.Contain(says));
    }

    [Test]
    public void ADeviceIsRefusedWithoutReadingIt()
    {
        AssertRefusedBeforeReading("/dev/zero", "not a regular file");
        string link = Path.Combine(_dir, "zero.safetensors");
        File.CreateSymbolicLink(link, "/dev/zero");
        AssertRefusedBeforeReading(link, "not a regular file");
    }

    [Test]
    public void APipeIsRefusedWithoutWaitingForAWriter()
    {
        string fifo = Path.Combine(_dir, "pipe.safetensors");
        using (Process mkfifo = Process.Start("mkfifo", [fifo]))
            mkfifo.WaitForExit();
        Assert.That(File.Exists(fifo), Is.True, "mkfifo made the pipe");
        AssertRefusedBeforeReading(fifo, "not a regular file");
    }

    [Test]
    public void AFileOverTheSizeLimitAndAFolderAreRefused()
    {
        string big = Path.Combine(_dir, "big.safetensors");
        using (var f = new FileStream(big, FileMode.CreateNew)) f.SetLength(SafeTensorsFile.MaxFileBytes + 1); // sparse: no disk used
        AssertRefusedBeforeReading(big, $"more than the {SafeTensorsFile.MaxFileBytes:N0}");
        AssertRefusedBeforeReading(_dir, "is a folder");
    }

    [Test]
    public void ASaveRemovesOnlyStaleTemporaryFilesOfItsOwnPattern()
    {
        string target = Path.Combine(_dir, "checkpoint.safetensors");
        int gone;
        using (Process done = Process.Start("true")!)
        {
            done.WaitForExit();
            gone = done.Id;
        }
        string G() => Guid.NewGuid().ToString("N");
        string deadOwner = $"{target}.tmp-{gone}-{G()}";
        string ours = $"{target}.tmp-{Environment.ProcessId}-{G()}";
        string oldOfLive = $"{target}.tmp-{Environment.ProcessId}-{G()}";
        string otherTarget = Path.Combine(_dir, $"best.safetensors.tmp-{gone}-{G()}");
        string notOurs = Path.Combine(_dir, $"notes.txt.tmp-{gone}-x");
        string userFile = Path.Combine(_dir, "checkpoint.safetensors.tmp-keep");
        foreach (string f in new[] { deadOwner, ours, oldOfLive, otherTarget, notOurs, userFile }) File.WriteAllText(f, "partial");
        File.SetLastWriteTimeUtc(oldOfLive, DateTime.UtcNow - TimeSpan.FromHours(2));

        SafeTensorsFile.Write(target, [("w", [2], [1f, 2f])], [], new Dictionary<string, string>());

        Assert.That(File.Exists(deadOwner), Is.False, "its process is gone");
        Assert.That(File.Exists(oldOfLive), Is.False, "untouched for two hours");
        Assert.That(File.Exists(ours), Is.True, "a live process's fresh save is left alone");
        Assert.That(File.Exists(otherTarget), Is.True, "a save does not clean up after other files");
        Assert.That(File.Exists(notOurs) && File.Exists(userFile), Is.True, "names outside the pattern are never touched");
        Assert.That(StaleTemporaryFiles.Remove(_dir), Is.EqualTo(1), "the folder-wide cleanup a run does at start");
        Assert.That(File.Exists(otherTarget), Is.False);
        Assert.That(SafeTensorsFile.Read(target).Tensors["w"].Floats, Is.EqualTo(new[] { 1f, 2f }));
    }
}
