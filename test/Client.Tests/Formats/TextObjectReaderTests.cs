using System.Globalization;
using System.IO.Compression;
using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Naming;
using CqSourceS3.Tests.Shared;
using ZstdSharp;

namespace CqSourceS3.Client.Tests.Formats;

/// <summary>
/// The text side of <see cref="ObjectFormatReader"/> over an in-memory store: discovery reads only the start of a big
/// object, compressed objects stream through their decompressor, and failures are classified by evidence.
/// </summary>
public sealed class TextObjectReaderTests
{
    private readonly InMemoryObjectStore _store = new();

    [Fact]
    public async Task DescribeAsync_BigCsv_ReadsOnlyItsFirstRange()
    {
        var obj = _store.Put("t/big.csv", Encoding.UTF8.GetBytes(Csv(200_000)));

        var info = await Reader().DescribeAsync(_store, obj, CancellationToken.None);

        Assert.Equal(["id", "name", "score"], info.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal((1000L, false), (info.RowCount, info.RowCountIsExact));
        Assert.True(obj.Size > 4_000_000);
        Assert.Equal([new RangeRead("t/big.csv", 0, 256 * 1024)], _store.Reads);
    }

    [Fact]
    public async Task DescribeAsync_SmallJsonLines_ReadsToTheEndAndCountsExactly()
    {
        var obj = _store.Put("t/small.jsonl", Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":2}\n"));

        var info = await Reader().DescribeAsync(_store, obj, CancellationToken.None);

        Assert.Equal((2L, true), (info.RowCount, info.RowCountIsExact));
        Assert.Equal(ObjectFormats.JsonLines, info.Text!.Format);
    }

    [Theory]
    [InlineData("t/a.csv.gz")]
    [InlineData("t/a.csv.zst")]
    public async Task ReadAsync_CompressedCsv_StreamsEveryRow(string key)
    {
        var text = Csv(50_000);
        var obj = _store.Put(key, key.EndsWith(".gz", StringComparison.Ordinal) ? Gzip(text) : Zstd(text));
        var reader = Reader();
        var info = await reader.DescribeAsync(_store, obj, CancellationToken.None);

        long rows = 0;
        long idSum = 0;
        await foreach (var batch in reader.ReadAsync(_store, info, CancellationToken.None))
        {
            using (batch)
            {
                Assert.InRange(batch.Length, 1, ObjectFormatReader.TextBatchRows);
                var ids = (Int64Array)batch.Column(0);
                for (var i = 0; i < ids.Length; i++)
                {
                    idSum += ids.GetValue(i)!.Value;
                }

                rows += batch.Length;
            }
        }

        Assert.Equal(50_000, rows);
        Assert.Equal(50_000L * 49_999 / 2, idSum);
        Assert.Equal(ObjectFormats.Csv, info.Text!.Format);
    }

    [Fact]
    public async Task ReadAsync_CorruptGzip_FailsForGoodNamingTheKey()
    {
        var bytes = Gzip(Csv(1000));
        var info = await Reader().DescribeAsync(_store, _store.Put("t/a.csv.gz", bytes), CancellationToken.None);
        bytes[bytes.Length / 2] ^= 0xFF;
        bytes[(bytes.Length / 2) + 1] ^= 0xFF;
        var corrupt = _store.Put("t/a.csv.gz", bytes);

        var error = await Assert.ThrowsAsync<TextReadException>(async () =>
        {
            await foreach (var batch in Reader().ReadAsync(_store, info with { StoredObject = corrupt }, CancellationToken.None))
            {
                batch.Dispose();
            }
        });

        Assert.False(error.IsTransient);
        Assert.Contains("t/a.csv.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StoreFails_PassesTheStoreFailureThrough()
    {
        var obj = _store.Put("t/a.csv", Encoding.UTF8.GetBytes(Csv(1000)));
        var reader = Reader();
        var info = await reader.DescribeAsync(_store, obj, CancellationToken.None);
        _store.BeforeRead = _ => throw new StoreException(StoreFailure.Transient, _store.Location, obj.Key, "connection reset");

        var error = await Assert.ThrowsAsync<StoreException>(async () =>
        {
            await foreach (var batch in reader.ReadAsync(_store, info, CancellationToken.None))
            {
                batch.Dispose();
            }
        });

        Assert.Equal(StoreFailure.Transient, error.Failure);
    }

    [Fact]
    public async Task ReadAsync_CallerStopsAfterTheFirstBatch_DisposesTheRestWithoutHanging()
    {
        var obj = _store.Put("t/a.csv", Encoding.UTF8.GetBytes(Csv(100_000)));
        var reader = Reader();
        var info = await reader.DescribeAsync(_store, obj, CancellationToken.None);

        await foreach (var batch in reader.ReadAsync(_store, info, CancellationToken.None))
        {
            batch.Dispose();
            break;
        }

        Assert.True(info.RowCount > 0);
    }

    [Fact]
    public void IsCurrent_CachedUnderOtherCsvOptions_IsNotCurrent()
    {
        var schema = new Schema([], []);
        var cached = new ObjectFileInfo(new StoredObject("t/a.csv", 1, DateTimeOffset.UnixEpoch, "e"), schema, 0, 1)
        {
            Text = new TextFacts(ObjectFormats.Csv, ObjectCompression.None, TextReadSettings.For(new SourceSpec()).FingerprintOf(Extension("t/a.csv")), RowsExact: true),
        };
        var semicolons = new SourceSpec { Csv = new CsvSpec { Delimiter = ";" } };

        Assert.True(Reader().IsCurrent(cached));
        Assert.False(Reader(semicolons).IsCurrent(cached));
        Assert.False(Reader().IsCurrent(cached with { StoredObject = cached.StoredObject with { Key = "t/a.tsv" } }));
    }

    private static ObjectFormatReader Reader(SourceSpec? spec = null) => new(ParquetReadOptions.Default, TextReadSettings.For(spec ?? new SourceSpec()));

    private static ObjectExtension Extension(string key) => ObjectExtension.TryOf(key, out var extension) ? extension : throw new ArgumentException(key);

    private static string Csv(int rows)
    {
        var text = new StringBuilder("id,name,score\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},name {i},{i * 0.5}\n");
        }

        return text.ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static byte[] Zstd(string text)
    {
        using var compressor = new Compressor();
        return compressor.Wrap(Encoding.UTF8.GetBytes(text)).ToArray();
    }
}
