using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using ParquetSharp;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class ParquetBatchReaderTests
{
    private const int SmallBlock = 4096;
    private static readonly ParquetReadOptions Options = new(256 * 1024, TimeSpan.FromSeconds(30));
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task ReadAsync_MultiRowGroupAllTypes_YieldsEveryValueInBatchesOfAtMostMaxRows()
    {
        var source = new[] { SampleBatches.AllTypes(0, 1000), SampleBatches.AllTypes(1000, 1000), SampleBatches.AllTypes(2000, 500) };
        var builder = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 700 };
        foreach (var batch in source)
        {
            builder.Add(batch);
        }

        var obj = _store.Put("all.parquet", builder.ToBytes());
        var footer = await new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None);

        var rows = new List<string>();
        var prices = new List<string>();
        var huge = new List<string>();
        var batchCount = 0;
        await foreach (var batch in new ParquetBatchReader(Options).ReadAsync(_store, obj, 256, CancellationToken.None))
        {
            using (batch)
            {
                batchCount++;
                Assert.InRange(batch.Length, 1, 256);
                Assert.Equal(ArrowSchemaText.Describe(footer.Schema), ArrowSchemaText.Describe(batch.Schema));
                Assert.All(Enumerable.Range(0, batch.ColumnCount), c => Assert.Equal(
                    ArrowSchemaText.Describe(footer.Schema.GetFieldByIndex(c).DataType), ArrowSchemaText.Describe(batch.Column(c).Data.DataType)));
                rows.AddRange(ArrowValueFormatter.Rows(batch));
                prices.AddRange(Enumerable.Range(0, batch.Length).Select(i => ((Decimal128Array)batch.Column("price")).GetString(i)!));
                huge.AddRange(Enumerable.Range(0, batch.Length).Select(i => ((Decimal128Array)batch.Column("huge")).GetString(i)!));
            }
        }

        Assert.Equal(5, footer.RowGroupCount);
        Assert.Equal(2500, footer.RowCount);
        Assert.True(batchCount >= 10, $"only {batchCount} batches");
        Assert.Equal(source.SelectMany(ArrowValueFormatter.Rows), rows);
        Assert.Equal(Enumerable.Range(0, 2500).Select(r => SampleBatches.PriceText(r)), prices);
        Assert.Equal(Enumerable.Range(0, 2500).Select(r => SampleBatches.HugeText(r)), huge);
        Assert.Equal("1234567890123456789000002499.0019789581", huge[^1]);
    }

    [Fact]
    public async Task ReadAsync_StoredSchemaWithViewAndSmallDecimalTypes_YieldsClassicTypesAndTheSameValues()
    {
        // ParquetSharp's Arrow writer stores the schema, so its Arrow reader hands these very types back.
        var source = ViewAndSmallDecimalBatches.Build();
        var largeType = new LargeListViewType(new Field("item", new Decimal64Type(12, 3), true));
        var large = new LargeListViewArray.Builder(largeType.ValueField);
        var largeValues = (Decimal64Array.Builder)large.ValueBuilder;
        large.Append();
        largeValues.Append(-123456789.123m).AppendNull();
        large.AppendNull();
        large.Append();
        large.Append();
        largeValues.Append(0.001m);
        var schema = new Schema([.. source.Schema.FieldsList, new Field("sizes", largeType, true)], null);
        var written = new RecordBatch(schema, [.. source.Arrays, large.Build()], source.Length);
        var obj = _store.Put("modern.parquet", new ParquetFileBuilder(schema).Add(written).ToBytes());
        var footer = await new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None);

        var rows = new List<string>();
        await foreach (var batch in new ParquetBatchReader(Options).ReadAsync(_store, obj, 1000, CancellationToken.None))
        {
            using (batch)
            {
                Assert.Equal(ArrowSchemaText.Describe(footer.Schema), ArrowSchemaText.Describe(batch.Schema));
                Assert.All(Enumerable.Range(0, batch.ColumnCount), c => Assert.Equal(
                    ArrowSchemaText.Describe(footer.Schema.GetFieldByIndex(c).DataType), ArrowSchemaText.Describe(batch.Column(c).Data.DataType)));
                rows.AddRange(ArrowValueFormatter.Rows(batch));
            }
        }

        Assert.Equal(
            """
            name: utf8
            blob: binary
            price: decimal128(9,2)
            total: decimal128(18,4)
            tags: list<element: utf8>
            point: struct<amount: decimal128(5,1), label: utf8>
            attrs: map[sorted=False]<entries: struct<key: utf8 not null, value: decimal128(10,3)> not null>
            sizes: large_list<element: decimal128(12,3)>
            """.Replace("\r", "", StringComparison.Ordinal),
            string.Join("\n", footer.Schema.FieldsList.Select(ArrowSchemaText.Describe)));
        Assert.Equal(ArrowValueFormatter.Rows(written), rows);
        Assert.EndsWith(" | [-123456789.123, null]", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WholeObject_FetchesAboutTheObjectsBytesWithExplicitRanges()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { Compression = Compression.Uncompressed, DictionaryEncoding = false, RowGroupRows = 5000 }
            .Add(SampleBatches.AllTypes(0, 20_000)).ToBytes();
        var obj = _store.Put("big.parquet", bytes);

        long rows = 0;
        await foreach (var batch in new ParquetBatchReader(Options).ReadAsync(_store, obj, 4096, CancellationToken.None))
        {
            rows += batch.Length;
            batch.Dispose();
        }

        Assert.Equal(20_000, rows);
        Assert.All(_store.Reads, r => Assert.True(r.Offset >= 0 && r.Length > 0 && r.Offset + r.Length <= bytes.Length));
        Assert.InRange(_store.BytesRead, bytes.Length * 9 / 10, bytes.Length + 3 * Options.ReadAheadBytes);
    }

    [Fact]
    public async Task ReadAsync_FromLocalFolder_ReadsTheFileWrittenByTheBuilder()
    {
        var folder = Directory.CreateTempSubdirectory("cq-parquet-");
        try
        {
            using var source = SampleBatches.AllTypes(0, 300);
            new ParquetFileBuilder(SampleBatches.AllTypesSchema) { Compression = Compression.Zstd }.Add(source).WriteTo(Path.Combine(folder.FullName, "a", "b.parquet"));
            await using var store = new LocalFolderStore(folder.FullName);
            var obj = await store.ListAsync("a/", CancellationToken.None).SingleAsync();

            var rows = new List<string>();
            await foreach (var batch in new ParquetBatchReader(Options).ReadAsync(store, obj, 100, CancellationToken.None))
            {
                using (batch)
                {
                    rows.AddRange(ArrowValueFormatter.Rows(batch));
                }
            }

            Assert.Equal(ArrowValueFormatter.Rows(source), rows);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ReadAsync_CancelledAfterTheFirstBatch_StopsWithOperationCanceled()
    {
        var obj = _store.Put("t.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 5000)).ToBytes());
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in new ParquetBatchReader(Options).ReadAsync(_store, obj, 100, cancellation.Token))
            {
                batch.Dispose();
                seen++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task ReadAsync_StoreFailsOnADataRead_ThrowsTheStoreExceptionUnchanged()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 100 }.Add(SampleBatches.AllTypes(0, 1000)).ToBytes();
        var obj = _store.Put("t.parquet", bytes);
        var gone = new StoreException(StoreFailure.ObjectNotFound, _store.Location, obj.Key, "object vanished");
        _store.BeforeRead = read =>
        {
            if (read.Offset > 0 && read.Offset < bytes.Length / 2)
            {
                throw gone;
            }
        };

        var error = await Assert.ThrowsAsync<StoreException>(() => Drain(obj, Options with { ReadAheadBytes = SmallBlock }));

        Assert.Same(gone, error);
    }

    [Fact]
    public async Task ReadAsync_DataPagesOverwritten_FailsAsCorrupt()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 2000)).ToBytes();
        System.Array.Fill(bytes, (byte)0x5A, 4, bytes.Length / 3);
        var obj = _store.Put("broken.parquet", bytes);

        var error = await Assert.ThrowsAsync<ParquetReadException>(() => Drain(obj, Options));

        Assert.Equal(ParquetFailure.Corrupt, error.Failure);
        Assert.Equal("broken.parquet", error.Key);
    }

    [Fact]
    public async Task ReadAsync_DecoderStuck_FailsAsTimedOutAndAbandonsTheObject()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 1000)).ToBytes();
        var obj = _store.Put("stuck.parquet", bytes);
        using var release = new ManualResetEventSlim();
        // A data read that never returns and ignores every token, like a decoder spinning in native code.
        _store.BeforeRead = read =>
        {
            if (read.Offset > 0 && read.Offset < bytes.Length / 2)
            {
                release.Wait();
            }
        };
        try
        {
            var error = await Assert.ThrowsAsync<ParquetReadException>(
                () => Drain(obj, new ParquetReadOptions(SmallBlock, TimeSpan.FromMilliseconds(300))));

            Assert.Equal(ParquetFailure.TimedOut, error.Failure);
            Assert.Contains("per-object limit", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
        }
    }

    private async Task Drain(StoredObject obj, ParquetReadOptions options)
    {
        await foreach (var batch in new ParquetBatchReader(options).ReadAsync(_store, obj, 100, CancellationToken.None))
        {
            batch.Dispose();
        }
    }
}
