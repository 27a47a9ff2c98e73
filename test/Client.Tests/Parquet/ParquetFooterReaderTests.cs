using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using ParquetSharp;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class ParquetFooterReaderTests
{
    private static readonly ParquetReadOptions Options = new(1024 * 1024, TimeSpan.FromSeconds(30));
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task ReadAsync_MultiMegabyteFile_FetchesOnlyTheMagicAndTheFooterWindow()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { Compression = Compression.Uncompressed, DictionaryEncoding = false, RowGroupRows = 10_000 }
            .Add(SampleBatches.AllTypes(0, 40_000)).ToBytes();
        var obj = _store.Put("big.parquet", bytes);
        Assert.True(bytes.Length > 3_000_000, $"fixture is only {bytes.Length} bytes");

        var info = await new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None);

        Assert.Equal(40_000, info.RowCount);
        Assert.Equal(4, info.RowGroupCount);
        // Uncompressed and without dictionaries, the row groups' sizes make up nearly the whole object.
        Assert.InRange(info.UncompressedBytes, bytes.Length * 8L / 10, bytes.Length);
        Assert.Same(obj, info.StoredObject);
        Assert.Equal(
            [new RangeRead("big.parquet", 0, 4), new RangeRead("big.parquet", bytes.Length - ParquetReadOptions.FooterWindowBytes, ParquetReadOptions.FooterWindowBytes)],
            _store.Reads);
        Assert.True(_store.BytesRead < 70_000, $"fetched {_store.BytesRead} bytes");
    }

    [Fact]
    public async Task ReadAsync_ObjectSmallerThanTheFooterWindow_FetchesItWholeInOneRequest()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 40)).ToBytes();
        var obj = _store.Put("small.parquet", bytes);
        Assert.True(bytes.Length < ParquetReadOptions.FooterWindowBytes, $"fixture is {bytes.Length} bytes");

        var info = await new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None);

        Assert.Equal(40, info.RowCount);
        Assert.Equal([new RangeRead("small.parquet", 0, bytes.Length)], _store.Reads);
    }

    [Fact]
    public async Task ReadAsync_AllTypesFile_ReturnsTheNormalizedSchema()
    {
        var obj = _store.Put("t.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 10)).ToBytes());

        var info = await new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None);

        Assert.IsType<StringType>(info.Schema.GetFieldByName("category").DataType);
        Assert.IsType<FloatType>(info.Schema.GetFieldByName("ratio").DataType);
        Assert.IsType<UInt8Type>(info.Schema.GetFieldByName("small").DataType);
        Assert.False(info.Schema.GetFieldByName("id").IsNullable);
        Assert.Equal("timestamp[Microsecond, tz=UTC]", ArrowSchemaText.Describe(info.Schema.GetFieldByName("seen_at").DataType));
        Assert.Equal("decimal128(38,10)", ArrowSchemaText.Describe(info.Schema.GetFieldByName("huge").DataType));
    }

    [Theory]
    [InlineData("PAR1 this is not parquet at all PAR0", ParquetFailure.NotParquet)]
    [InlineData("id,name\n1,a\n2,b\n3,c\n", ParquetFailure.NotParquet)]
    [InlineData("PAR1", ParquetFailure.NotParquet)]
    [InlineData("PARE\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008PARE", ParquetFailure.Encrypted)]
    public async Task ReadAsync_WrongMagic_FailsWithTheClassifiedReasonNamingLocationAndKey(string content, ParquetFailure expected)
    {
        var obj = _store.Put("dir/file.parquet", System.Text.Encoding.Latin1.GetBytes(content));

        var error = await Assert.ThrowsAsync<ParquetReadException>(() => new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None));

        Assert.Equal(expected, error.Failure);
        Assert.Equal("dir/file.parquet", error.Key);
        Assert.Equal("memory://bucket", error.Location);
        Assert.Contains("'dir/file.parquet'", error.Message, StringComparison.Ordinal);
        Assert.Contains("memory://bucket", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected == ParquetFailure.Encrypted ? "encrypted Parquet (modular encryption) is not supported" : "not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CorruptFooter_FailsAsCorrupt()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 10)).ToBytes();
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        Array.Fill(bytes, (byte)0xEE, bytes.Length - 8 - footerLength, footerLength);
        var obj = _store.Put("bad.parquet", bytes);

        var error = await Assert.ThrowsAsync<ParquetReadException>(() => new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None));

        Assert.Equal(ParquetFailure.Corrupt, error.Failure);
    }

    [Fact]
    public async Task ReadAsync_StoreDeniesTheRead_ThrowsTheStoreExceptionUnchanged()
    {
        var obj = _store.Put("t.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 10)).ToBytes());
        var denied = new StoreException(StoreFailure.AccessDenied, _store.Location, obj.Key, "access denied");
        _store.BeforeRead = read => throw denied;

        var error = await Assert.ThrowsAsync<StoreException>(() => new ParquetFooterReader(Options).ReadAsync(_store, obj, CancellationToken.None));

        Assert.Same(denied, error);
    }

    [Fact]
    public async Task ReadAsync_StoreFailsInsideTheDecoder_ThrowsTheStoreExceptionUnchanged()
    {
        // The metadata is larger than a tiny footer window, so the decoder itself asks for more bytes.
        var obj = _store.Put("t.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 10)).ToBytes());
        var gone = new StoreException(StoreFailure.ObjectNotFound, _store.Location, obj.Key, "gone");
        _store.BeforeRead = read =>
        {
            if (_store.Reads.Count > 2)
            {
                throw gone;
            }
        };

        var error = await Assert.ThrowsAsync<StoreException>(() => new ParquetFooterReader(Options with { ReadAheadBytes = 64 }).ReadAsync(_store, obj, CancellationToken.None));

        Assert.Same(gone, error);
    }

    [Fact]
    public async Task ReadAsync_StoreHangs_FailsAsTimedOutWithinTheLimit()
    {
        var obj = _store.Put("t.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 10)).ToBytes());
        using var release = new ManualResetEventSlim();
        // Blocks without looking at any token, like a decoder spinning in native code.
        _store.BeforeRead = _ => release.Wait();
        try
        {
            var error = await Assert.ThrowsAsync<ParquetReadException>(
                () => new ParquetFooterReader(Options with { ObjectTimeout = TimeSpan.FromMilliseconds(200) }).ReadAsync(_store, obj, CancellationToken.None));

            Assert.Equal(ParquetFailure.TimedOut, error.Failure);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        var obj = _store.Put("t.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 10)).ToBytes());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ParquetFooterReader(Options).ReadAsync(_store, obj, cancellation.Token));
    }
}
