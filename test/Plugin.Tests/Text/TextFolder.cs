using System.Globalization;
using System.IO.Compression;
using System.Text;
using CqSourceS3.Tests.Shared;
using ZstdSharp;

namespace CqSourceS3.Plugin.Tests.Text;

/// <summary>
/// A bucket of text objects, in a temporary folder: CSV written by hand with every oddity a real export has (a BOM,
/// CRLF, quoted delimiters, quoted line breaks, doubled quotes, nulls), the same rows gzipped, a Zstandard TSV,
/// JSON Lines with nested values, files written by DuckDB (committed under <c>Fixtures/</c>), and one Parquet table
/// for <c>filetype: auto</c>. Each table's expected rows are given beside it.
/// </summary>
public sealed class TextFolder : IDisposable
{
    /// <summary>The hand-written CSV: BOM, CRLF, a quoted comma, a quoted line break, a doubled quote, nulls.</summary>
    public const string OrdersPart1 =
        "\uFEFFid,name,amount,paid,day,at\r\n" +
        "1,plain,1.5,true,2024-01-02,2024-03-01T10:00:00Z\r\n" +
        "2,\"comma, inside\",2,false,2024-01-03,2024-03-01 11:30:00\r\n" +
        "3,\"line\r\nbreak\",,TRUE,,2024-03-01T12:00:00+02:00\r\n" +
        "4,\"say \"\"hi\"\"\",4.25,,2024-01-05,\r\n";

    /// <summary>More orders, gzipped as <c>orders/part-2.csv.gz</c>; no trailing line break.</summary>
    public const string OrdersPart2 =
        "id,name,amount,paid,day,at\n" +
        "5,five,5.5,false,2024-01-06,2024-03-02T00:00:00.123456Z\n" +
        "6,,6,true,2024-01-07,2024-03-02T01:00:00-01:00";

    /// <summary>A TSV, Zstandard-compressed, at the root as <c>metrics.tsv.zst</c> (table <c>metrics</c>).</summary>
    public const string Metrics = "host\tcpu\tzip\nweb-1\t0.5\t01234\nweb-2\t0.75\t98765\n";

    /// <summary>JSON Lines with a nested object, an array, a key first seen on line 3, a blank line.</summary>
    public const string LogsA =
        "{\"id\":1,\"level\":\"info\",\"ctx\":{\"user\":\"ann\",\"n\":[1,2]},\"at\":\"2024-03-01T10:00:00Z\"}\n" +
        "{\"id\":2,\"level\":\"warn\",\"ctx\":null,\"at\":\"2024-03-01T10:00:01Z\"}\n" +
        "\n" +
        "{\"id\":3,\"level\":\"error\",\"ctx\":[\"x\"],\"at\":\"2024-03-01T10:00:02Z\",\"trace\":\"abc\"}\n";

    /// <summary>More logs, gzipped as <c>logs/b.ndjson.gz</c>.</summary>
    public const string LogsB = "{\"id\":4,\"level\":\"info\",\"ctx\":{\"user\":\"bob\"},\"at\":\"2024-03-01T10:00:03Z\",\"extra_key\":true}\n";

    public TextFolder()
    {
        Write("orders/part-1.csv", Encoding.UTF8.GetBytes(OrdersPart1));
        Write("orders/part-2.csv.gz", Gzip(OrdersPart2));
        Write("metrics.tsv.zst", Zstd(Metrics));
        Write("logs/a.jsonl", Encoding.UTF8.GetBytes(LogsA));
        Write("logs/b.ndjson.gz", Gzip(LogsB));
        var fixtures = System.IO.Path.Combine(RepoPaths.Root, "test", "Plugin.Tests", "Text", "Fixtures");
        Write("duckdb/orders/data_0.csv", File.ReadAllBytes(System.IO.Path.Combine(fixtures, "duckdb_orders.csv")));
        Write("duckdb/events/data_0.jsonl", File.ReadAllBytes(System.IO.Path.Combine(fixtures, "duckdb_events.jsonl")));
        using var batch = SampleBatches.AllTypes(0, 5);
        Write("parquet/part-0.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("cq-s3-text-").FullName;

    /// <summary>Every key written, relative to <see cref="Path"/>.</summary>
    public List<string> Keys { get; } = [];

    /// <summary>DuckDB's orders and events rows (ids 1–40): name null every fifth row and with quotes every seventh.</summary>
    public static (long Id, string? Name, double Amount, bool Paid, DateOnly Day, DateTimeOffset SeenAt) DuckDbRow(long id) => (
        id,
        id % 5 == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"name {id}") + (id % 7 == 0 ? ", with \"quotes\"" : ""),
        id * 1.25,
        id % 2 == 0,
        new DateOnly(2024, 1, 1).AddDays((int)id),
        new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero).AddMinutes(id * 90));

    /// <summary>Writes <paramref name="bytes"/> as <paramref name="key"/> (and remembers the key).</summary>
    public void Write(string key, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        if (!Keys.Contains(key))
        {
            Keys.Add(key);
        }
    }

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    public static byte[] Zstd(string text)
    {
        using var compressor = new Compressor();
        return compressor.Wrap(Encoding.UTF8.GetBytes(text)).ToArray();
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
