using RnnPlayground.Core.Data;

namespace RnnPlayground.Core.Tests.Data;

/// <summary>Paths of the repository's data files and throw-away CSVs for tests.</summary>
internal static class DataTestFiles
{
    /// <summary>A file under the repository root (found by walking up to RnnPlayground.sln).</summary>
    public static string Repo(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RnnPlayground.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException($"no RnnPlayground.sln above {AppContext.BaseDirectory}");
        return Path.Combine(dir.FullName, relative);
    }

    public static string SeattleCsv => Repo("scripts/data/seattle-weather.csv");

    public static string[] SeattleFeatures => ["precipitation", "temp_max", "temp_min", "wind"];

    /// <summary>The weather-eval protocol's reading of the Seattle file: wet = rain, drizzle, snow.</summary>
    public static CsvTimeSeriesOptions SeattleOptions => new()
    {
        Columns = SeattleFeatures,
        DateColumn = "date",
        LabelColumn = "weather",
        ClassNames = ["dry", "wet"],
        LabelGroups = new Dictionary<string, string>
        {
            ["rain"] = "wet", ["drizzle"] = "wet", ["snow"] = "wet", ["sun"] = "dry", ["fog"] = "dry",
        },
    };

    /// <summary>Writes <paramref name="text"/> to a new file in a temporary directory and returns its path.</summary>
    public static string WriteTemp(string text, string name = "data.csv")
    {
        string dir = Path.Combine(Path.GetTempPath(), "rnnplayground-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly Split[] Splits = [Split.Train, Split.Validation, Split.Test];

    /// <summary>Asserts that filling batches of every split allocates nothing once warmed up.</summary>
    public static void AssertFillAllocatesNothing(ISequenceDataset data, int batchSize = 4)
    {
        var batch = new Batch(data.Shape, batchSize);
        var indices = new int[batchSize];
        void FillAll()
        {
            foreach (Split split in Splits)
            {
                int n = data.Count(split);
                if (n == 0) continue;
                for (int i = 0; i < batchSize; i++) indices[i] = (i * 7) % n;
                data.Fill(split, indices, batch);
                data.Fill(split, indices.AsSpan(0, 1), batch);
            }
        }
        FillAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 50; k++) FillAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "Fill allocated after warm-up");
    }
}
