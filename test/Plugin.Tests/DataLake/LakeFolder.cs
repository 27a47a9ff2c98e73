using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.DataLake;

/// <summary>
/// The data-lake tests' bucket content, in a temporary folder: the <see cref="DuckDbLake"/> tables, a table written by
/// ParquetSharp with two partition levels (<c>clicks/region=…/dt=…/part-0.parquet</c>, rows of
/// <see cref="SampleBatches.AllTypes"/>), and what Spark and Hadoop leave beside real data: <c>_SUCCESS</c>, a
/// <c>_temporary/</c> attempt holding a Parquet file of another schema, a <c>.crc</c> checksum and a
/// <c>._COPYING_</c> upload. A sync that read any of those would fail <c>sales</c> on its schema.
/// </summary>
public sealed class LakeFolder : IAsyncLifetime
{
    /// <summary>The clicks objects: key → (first row, rows) of <see cref="SampleBatches.AllTypes"/>.</summary>
    public static readonly IReadOnlyDictionary<string, (long FirstRow, int Rows)> Clicks = new Dictionary<string, (long, int)>
    {
        ["clicks/region=eu/dt=2024-01-01/part-0.parquet"] = (0, 30),
        ["clicks/region=eu/dt=2024-01-02/part-0.parquet"] = (100, 20),
        ["clicks/region=us/dt=2024-01-01/part-0.parquet"] = (200, 25),
    };

    /// <summary>The objects no table may read.</summary>
    public static readonly IReadOnlyList<string> HiddenKeys =
    [
        "sales/_SUCCESS",
        "sales/_temporary/0/part-9.parquet",
        "sales/year=2023/month=1/.data_0.parquet.crc",
        "sales/year=2024/month=3/data_1.parquet._COPYING_",
    ];

    public string Path { get; } = Directory.CreateTempSubdirectory("cq-s3-lake-").FullName;

    /// <summary>Every key of the lake, relative to <see cref="Path"/>, hidden ones included.</summary>
    public IReadOnlyList<string> Keys { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var written = await DuckDbLake.WriteAsync(Path);
        foreach (var (key, (firstRow, rows)) in Clicks)
        {
            using var batch = SampleBatches.AllTypes(firstRow, rows);
            Write(key, new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
        }

        using (var other = SampleBatches.AllTypes(0, 5))
        {
            var otherSchema = new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(other).ToBytes();
            Write(HiddenKeys[1], otherSchema);
            Write(HiddenKeys[3], otherSchema);
        }

        Write(HiddenKeys[0], []);
        Write(HiddenKeys[2], [1, 2, 3, 4]);
        Keys = [.. written, .. Clicks.Keys, .. HiddenKeys];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path, recursive: true);
        return Task.CompletedTask;
    }

    private void Write(string key, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
    }
}
