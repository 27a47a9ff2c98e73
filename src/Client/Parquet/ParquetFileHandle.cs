using Apache.Arrow;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Storage;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// One Parquet object opened for reading: the ranged stream, the native Arrow reader over it and the normalized
/// schema. Opening checks the magic bytes, reads only the footer and detects encrypted column metadata. All of it
/// is synchronous and meant to run on a dedicated decode thread (see <see cref="DedicatedThread"/>).
/// </summary>
internal sealed class ParquetFileHandle : IDisposable
{
    private readonly NativeInputFile _input;

    private ParquetFileHandle(NativeInputFile input, FileReader reader, Schema schema)
    {
        _input = input;
        Reader = reader;
        Schema = schema;
    }

    /// <summary>The stream the decoder reads through (for <see cref="RangedObjectStream.BytesFetched"/>).</summary>
    public RangedObjectStream Stream => _input.Stream;

    /// <summary>The native reader; disposed with this handle.</summary>
    public FileReader Reader { get; }

    /// <summary>The file's Arrow schema after <see cref="ArrowTypeNormalizer.NormalizeSchema"/>.</summary>
    public Schema Schema { get; }

    /// <summary>
    /// Opens <paramref name="obj"/>; on failure throws what <see cref="ParquetFailureClassifier"/> decides.
    /// <paramref name="onStream"/> sees the stream as soon as it exists, so a caller can read its counters.
    /// </summary>
    public static ParquetFileHandle Open(
        IObjectStore store, StoredObject obj, ParquetReadOptions options, int? maxRowsPerBatch,
        Action<RangedObjectStream>? onStream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        if (obj.Size < ParquetFailureClassifier.MinimumSize)
        {
            throw ParquetFailureClassifier.TooSmall(obj.Size, store.Location, obj.Key);
        }

        var stream = new RangedObjectStream(store, obj, options.ReadAheadBytes, cancellationToken);
        onStream?.Invoke(stream);
        NativeInputFile? input = null;
        FileReader? reader = null;
        try
        {
            var footerWindow = CheckMagic(stream, store.Location, obj.Key, options);
            input = new NativeInputFile(stream);
            reader = CreateReader(input, footerWindow, maxRowsPerBatch);
            RejectEncryptedColumns(reader, store.Location, obj.Key);
            var schema = ArrowTypeNormalizer.NormalizeSchema(reader.Schema);
            return new ParquetFileHandle(input, reader, schema);
        }
        catch (Exception e)
        {
            // The reader before its input: the native side lets go of the file only once the reader is gone.
            reader?.Dispose();
            input?.Dispose();
            throw ParquetFailureClassifier.Classify(e, stream, store.Location, obj.Key, cancellationToken);
        }
    }

    /// <summary>The footer's facts for <see cref="ParquetFooterReader"/>.</summary>
    public ObjectFileInfo Describe(StoredObject obj)
    {
        using var metadata = Reader.ParquetReader.FileMetaData;
        long uncompressed = 0;
        for (var rowGroup = 0; rowGroup < Reader.NumRowGroups; rowGroup++)
        {
            using var reader = Reader.ParquetReader.RowGroup(rowGroup);
            uncompressed += Math.Max(0, reader.MetaData.TotalByteSize);
        }

        return new ObjectFileInfo(obj, Schema, metadata.NumRows, Reader.NumRowGroups, uncompressed);
    }

    /// <summary>Disposes the native reader, then our reference to its input (see <see cref="NativeInputFile"/>).</summary>
    public void Dispose()
    {
        Reader.Dispose();
        _input.Dispose();
    }

    private static int CheckMagic(RangedObjectStream stream, string location, string key, ParquetReadOptions options)
    {
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[4];
        var window = (int)Math.Min(stream.Length, Math.Min(ParquetReadOptions.FooterWindowBytes, options.ReadAheadBytes));
        if (window == stream.Length)
        {
            // A small object fits the footer window whole: one request serves both magic checks and the footer.
            stream.Prefetch(0, window);
            stream.ReadExactly(head);
        }
        else
        {
            stream.Prefetch(0, head.Length);
            stream.ReadExactly(head);

            // Fetch the whole window the decoder reads the footer from, so the tail check costs no extra request.
            stream.Prefetch(stream.Length - window, window);
        }

        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);

        var failure = ParquetFailureClassifier.CheckMagic(head, tail, location, key);
        if (failure is not null)
        {
            throw failure;
        }

        // The position stays inside the footer window: seeking away would drop the block the decoder reads next.
        return window;
    }

    private static FileReader CreateReader(NativeInputFile input, int footerWindow, int? maxRowsPerBatch)
    {
        using var readerProperties = ReaderProperties.WithMemoryPool(DecodeMemoryPool.Instance);
        readerProperties.SetFooterReadSize(footerWindow);
        using var arrowProperties = ArrowReaderProperties.GetDefault();
        // Objects are decoded in parallel already; the decoder's own thread pool would only compete for the cores.
        arrowProperties.UseThreads = false;
        // Pre-buffering coalesces a row group's column chunks into few large ranged reads. Batches are read one
        // row group at a time, so what it holds is bounded by one row group's compressed size. Its reads run on
        // Arrow's IO threads, which can outlive the reader: NativeInputFile keeps their callbacks safe.
        arrowProperties.PreBuffer = true;
        // INT96 in microseconds: its range covers every Spark/Impala date, where nanoseconds wrap past 2262.
        arrowProperties.CoerceInt96TimestampUnit = Apache.Arrow.Types.TimeUnit.Microsecond;
        if (maxRowsPerBatch is { } rows)
        {
            arrowProperties.BatchSize = rows;
        }

        // The reader constructor copies both property sets, so disposing them afterwards is safe.
        return new FileReader(input.File, readerProperties, arrowProperties);
    }

    private static void RejectEncryptedColumns(FileReader reader, string location, string key)
    {
        if (reader.NumRowGroups == 0)
        {
            return;
        }

        using var rowGroup = reader.ParquetReader.RowGroup(0);
        var metadata = rowGroup.MetaData;
        for (var column = 0; column < metadata.NumColumns; column++)
        {
            try
            {
                using var chunk = metadata.GetColumnChunkMetaData(column);
            }
            catch (ParquetException e)
            {
                throw ParquetFailureClassifier.EncryptedColumns(location, key, e);
            }
        }
    }
}
