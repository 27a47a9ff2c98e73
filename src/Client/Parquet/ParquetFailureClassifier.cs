using CqSourceS3.Client.Storage;
using ParquetSharp;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// The one place that decides what a failure while reading a Parquet object means: by magic bytes, by where the
/// failure happened and by exception type, never by message text. Store failures and caller cancellation pass
/// through unchanged; the native decoder reports them as error strings, so the stream's recorded failure is used.
/// </summary>
internal static class ParquetFailureClassifier
{
    /// <summary>The four bytes at both ends of a plain Parquet file.</summary>
    public static ReadOnlySpan<byte> PlainMagic => "PAR1"u8;

    /// <summary>The four bytes at both ends of a file whose footer is encrypted (Parquet modular encryption).</summary>
    public static ReadOnlySpan<byte> EncryptedFooterMagic => "PARE"u8;

    /// <summary>Smallest possible Parquet file: magic, footer length, magic.</summary>
    public const int MinimumSize = 12;

    /// <summary>Checks the magic bytes read from both ends; returns the failure they show, or null when both say <c>PAR1</c>.</summary>
    public static ParquetReadException? CheckMagic(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, string location, string key)
    {
        if (tail.SequenceEqual(EncryptedFooterMagic))
        {
            return new ParquetReadException(ParquetFailure.Encrypted, location, key,
                "encrypted Parquet (modular encryption) is not supported");
        }

        if (!head.SequenceEqual(PlainMagic) || !tail.SequenceEqual(PlainMagic))
        {
            return new ParquetReadException(ParquetFailure.NotParquet, location, key,
                $"not a Parquet file (magic bytes '{Printable(head)}'…'{Printable(tail)}', expected 'PAR1' at both ends)");
        }

        return null;
    }

    /// <summary>An object smaller than <see cref="MinimumSize"/> cannot be Parquet.</summary>
    public static ParquetReadException TooSmall(long size, string location, string key) =>
        new(ParquetFailure.NotParquet, location, key, $"not a Parquet file (only {size} bytes)");

    /// <summary>
    /// A plaintext footer whose column metadata cannot be read is the "encrypted columns, plaintext footer" mode
    /// of modular encryption: the footer decodes, the column metadata needs keys.
    /// </summary>
    public static ParquetReadException EncryptedColumns(string location, string key, Exception inner) =>
        new(ParquetFailure.Encrypted, location, key,
            "encrypted Parquet (modular encryption, encrypted columns) is not supported", inner);

    /// <summary>The decoder did not finish within the per-object time limit.</summary>
    public static ParquetReadException TimedOut(TimeSpan limit, string location, string key) =>
        new(ParquetFailure.TimedOut, location, key,
            $"decoding took longer than the per-object limit of {limit.TotalSeconds:0.###} s and was abandoned");

    /// <summary>
    /// Translates an exception thrown while opening or decoding an object: already-classified exceptions,
    /// store failures and cancellation by <paramref name="cancellationToken"/> come back unchanged. An object is
    /// <see cref="ParquetFailure.Corrupt"/> only on evidence from its bytes: the decoder rejected what our stream
    /// delivered in full. A failure of the stream itself, and any error that says nothing about the bytes (memory,
    /// threads, open files, permission, an unknown kind), is <see cref="ParquetFailure.Transient"/>.
    /// </summary>
    public static Exception Classify(Exception error, RangedObjectStream? stream, string location, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            error = aggregate.InnerExceptions[0];
        }

        if (error is ParquetReadException or StoreException)
        {
            return error;
        }

        // The decoder saw our stream fail only as text (with a stack trace in it); the stream kept the real exception.
        if (stream?.Failure is { } streamFailure)
        {
            return streamFailure switch
            {
                StoreException store => store,
                OperationCanceledException when cancellationToken.IsCancellationRequested => Cancelled(error, cancellationToken),
                _ => Transient(location, key, $"reading it failed on this machine: {LocalFailure.Describe(streamFailure)}", streamFailure),
            };
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Cancelled(error, cancellationToken);
        }

        return error switch
        {
            ParquetException native => FromNative(NativeError.Parse(native.Message), location, key, error),
            // The Arrow C stream importer reports a decoder error (an Arrow status) as a plain Exception.
            _ when error.GetType() == typeof(Exception) => FromNative(NativeError.Parse(error.Message), location, key, error),
            // Our own check that the decoder yielded as many rows as the footer declares.
            InvalidDataException => new ParquetReadException(ParquetFailure.Corrupt, location, key, $"corrupt Parquet: {FirstLine(error)}", error),
            ThreadUnavailableException => Transient(location, key, FirstLine(error), error),
            NotSupportedException or NotImplementedException =>
                new ParquetReadException(ParquetFailure.Unsupported, location, key, $"unsupported Parquet content: {FirstLine(error)}", error),
            _ => Transient(location, key, $"reading it failed on this machine: {LocalFailure.Describe(error)}", error),
        };
    }

    private static ParquetReadException FromNative(NativeError native, string location, string key, Exception error) => native.Kind switch
    {
        NativeErrorKind.Corrupt => new ParquetReadException(ParquetFailure.Corrupt, location, key, $"corrupt Parquet: {FirstLine(native.Describe())}", error),
        NativeErrorKind.Unsupported => new ParquetReadException(ParquetFailure.Unsupported, location, key, $"unsupported Parquet content: {FirstLine(native.Describe())}", error),
        _ => Transient(location, key, $"the decoder failed for a reason other than the object's bytes: {FirstLine(native.Describe())}", error),
    };

    private static ParquetReadException Transient(string location, string key, string reason, Exception error) =>
        new(ParquetFailure.Transient, location, key, $"{reason}; it is read again next run", error);

    private static OperationCanceledException Cancelled(Exception error, CancellationToken cancellationToken) =>
        new("reading the Parquet object was cancelled", error, cancellationToken);

    private static string FirstLine(Exception error) => FirstLine(error.Message);

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = bytes[i] is >= 0x20 and < 0x7f ? (char)bytes[i] : '.';
        }

        return new string(chars);
    }
}
