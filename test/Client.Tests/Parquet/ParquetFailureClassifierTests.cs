using System.Text.RegularExpressions;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using ParquetSharp;

// The tests raise exactly what the Arrow C stream importer (a plain Exception) and the runtime (OutOfMemoryException) raise.
#pragma warning disable CA2201

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// The fault-class table: which failures are evidence that the object's bytes are bad (the cursor may pass the
/// object) and which are transient (it is read again next run). Native errors arrive as text in the two shapes the
/// decoder uses; every message that reaches a user is free of mangled C++ type names and stack traces.
/// </summary>
public sealed partial class ParquetFailureClassifierTests
{
    private const string Location = "s3://bucket";
    private const string Key = "t/a.parquet";

    public static TheoryData<string, string, ParquetFailure, string> NativeTexts => new()
    {
        // Parquet's own format errors: the decoder rejected the bytes.
        { "N7parquet16ParquetExceptionE", "Couldn't deserialize thrift: TProtocolException: Invalid data", ParquetFailure.Corrupt, "Couldn't deserialize thrift" },
        { "N7parquet38ParquetInvalidOrCorruptedFileExceptionE", "Parquet magic bytes not found in footer.", ParquetFailure.Corrupt, "magic bytes not found" },
        { "class parquet::ParquetException", "Unexpected end of stream", ParquetFailure.Corrupt, "Unexpected end of stream" },
        { "N7parquet22ParquetStatusExceptionE", "Invalid: Map keys must be annotated as required.", ParquetFailure.Corrupt, "Map keys must be annotated" },
        { "N7parquet22ParquetStatusExceptionE", "IOError: Unexpected end of stream: Page was smaller (9) than expected (17)", ParquetFailure.Corrupt, "Page was smaller" },
        { "St12out_of_range", "vector::_M_range_check", ParquetFailure.Corrupt, "vector::_M_range_check" },
        // Valid bytes the decoder cannot convert.
        { "N7parquet16ParquetExceptionE", "Not yet implemented: Unsupported encoding.", ParquetFailure.Unsupported, "Unsupported encoding" },
        { "N7parquet22ParquetStatusExceptionE", "NotImplemented: Reading lists of fixed-size binary", ParquetFailure.Unsupported, "fixed-size binary" },
        { "N7parquet22ParquetStatusExceptionE", "Capacity error: array cannot contain more than 2147483646 bytes", ParquetFailure.Unsupported, "2147483646 bytes" },
        // This machine, not the object.
        { "St12system_error", "Resource temporarily unavailable", ParquetFailure.Transient, "Resource temporarily unavailable" },
        { "N7parquet22ParquetStatusExceptionE", "Out of memory: malloc of size 1048576 failed", ParquetFailure.Transient, "out of memory" },
        { "N7parquet22ParquetStatusExceptionE", "Unknown error: System.IO.IOException: disk gone", ParquetFailure.Transient, "disk gone" },
        { "N7parquet22ParquetStatusExceptionE", "Cancelled: stopped", ParquetFailure.Transient, "stopped" },
        { "St13runtime_error", "thread pool is shutting down", ParquetFailure.Transient, "thread pool" },
        { "unknown", "uncaught exception", ParquetFailure.Transient, "uncaught exception" },
    };

    [Theory]
    [MemberData(nameof(NativeTexts))]
    public void Classify_NativeErrorText_GivesItsClassAndAReadableReason(string type, string message, ParquetFailure expected, string reasonPart)
    {
        var error = Classify(new ParquetException(type, message));

        Assert.Equal(expected, error.Failure);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
        AssertReadable(error.Message);
    }

    [Theory]
    [InlineData("IOError: Couldn't deserialize thrift: No more data to read.", ParquetFailure.Corrupt)]
    [InlineData("Invalid: Length spanned by binary offsets (7) larger than values array (size 6)", ParquetFailure.Corrupt)]
    [InlineData("NotImplemented: Nested data conversions not implemented for chunked array outputs", ParquetFailure.Unsupported)]
    [InlineData("Out of memory: realloc of size 4294967296 failed", ParquetFailure.Transient)]
    [InlineData("Unknown error: the stream went away", ParquetFailure.Transient)]
    [InlineData("Array stream operation failed with no message. Error code: 5", ParquetFailure.Transient)]
    public void Classify_RecordBatchStreamStatus_GivesItsClass(string status, ParquetFailure expected)
    {
        // The Arrow C stream importer raises the decoder's status as a plain Exception.
        var error = Classify(new Exception(status));

        Assert.Equal(expected, error.Failure);
        AssertReadable(error.Message);
    }

    public static TheoryData<Exception, string> LocalFailures => new()
    {
        { new OutOfMemoryException(), "out of memory" },
        { new IOException("Too many open files", 24), "too many open files" },
        { new IOException("Input/output error : '/data/t/a.parquet'", 5), "I/O error" },
        { new UnauthorizedAccessException("Access to the path '/data/t/a.parquet' is denied."), "permission denied" },
        { new FileLoadException("Could not load file or assembly 'System.Private.Xml, Version=10.0.0.0'"), "could not be loaded" },
        { new ThreadUnavailableException(), "decoding thread could not be started" },
        { new InvalidCastException("Unable to cast"), "InvalidCastException: Unable to cast" },
    };

    [Theory]
    [MemberData(nameof(LocalFailures))]
    public void Classify_ManagedFailureOfThisMachine_IsTransient(Exception thrown, string reasonPart)
    {
        var error = Classify(thrown);

        Assert.Equal(ParquetFailure.Transient, error.Failure);
        Assert.True(error.IsTransient);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("it is read again next run", error.Reason, StringComparison.Ordinal);
        AssertReadable(error.Message);
    }

    [Theory]
    [MemberData(nameof(LocalFailures))]
    public void Classify_DecoderErrorAfterOurStreamFailed_TakesTheStreamsFailure(Exception streamFailure, string reasonPart)
    {
        // What the decoder says after a read of ours failed: the managed exception's ToString, stack trace and all,
        // behind an IOError status, which alone would read as a format error.
        var stream = FailedStream(streamFailure);
        var decoderSaw = new ParquetException("N7parquet22ParquetStatusExceptionE", $"IOError: {streamFailure}\n   at Somewhere.Read()");

        var error = Assert.IsType<ParquetReadException>(ParquetFailureClassifier.Classify(decoderSaw, stream, Location, Key, CancellationToken.None));

        Assert.Equal(ParquetFailure.Transient, error.Failure);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
        AssertReadable(error.Message);
    }

    [Fact]
    public void Classify_DecoderErrorAfterAStoreFailure_GivesTheStoreFailureItself()
    {
        var storeFailure = new StoreException(StoreFailure.Transient, Location, Key, "SlowDown");
        var stream = FailedStream(storeFailure);

        var error = ParquetFailureClassifier.Classify(new Exception("IOError: SlowDown"), stream, Location, Key, CancellationToken.None);

        Assert.Same(storeFailure, error);
    }

    [Fact]
    public void Classify_OurRowCountCheck_IsCorrupt()
    {
        var error = Classify(new InvalidDataException("row group 0 declares 3 rows but 0 were decoded"));

        Assert.Equal(ParquetFailure.Corrupt, error.Failure);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Classify_CancelledByTheCaller_IsCancellationNotAFailure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var error = ParquetFailureClassifier.Classify(new Exception("Cancelled: stop"), null, Location, Key, cancelled.Token);

        Assert.IsType<OperationCanceledException>(error);
    }

    private static ParquetReadException Classify(Exception error) =>
        Assert.IsType<ParquetReadException>(ParquetFailureClassifier.Classify(error, null, Location, Key, CancellationToken.None));

    /// <summary>A stream whose read failed with <paramref name="failure"/>, as the decoder's read would have.</summary>
    private static RangedObjectStream FailedStream(Exception failure)
    {
        var store = new InMemoryObjectStore(Location);
        var obj = store.Put(Key, new byte[100]);
        store.BeforeRead = _ => throw failure;
        var stream = new RangedObjectStream(store, obj, 16, CancellationToken.None);
        Assert.ThrowsAny<Exception>(() => stream.ReadExactly(new byte[8]));
        Assert.Same(failure, stream.Failure);
        return stream;
    }

    private static void AssertReadable(string message)
    {
        Assert.DoesNotMatch(MangledType(), message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [GeneratedRegex(@"N\d+parquet|St\d+[a-z_]+|ParquetStatusException|\(message: '")]
    private static partial Regex MangledType();
}
