using System.Text;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// The one place that decides what a failure while reading a text object means, by exception type: the object's own
/// bytes (a value, a row, a line, UTF-8, compressed data) are evidence, so the object is skipped for good until it
/// changes; anything else (the machine, the network, threads, memory) is transient and it is read again. Store
/// failures and cancellation pass through unchanged.
/// </summary>
internal static class TextFailureClassifier
{
    /// <summary>The exception to throw for <paramref name="error"/>, met while reading <paramref name="key"/>.</summary>
    public static Exception Classify(Exception error, string format, string location, string key) => error switch
    {
        OperationCanceledException or StoreException or TextReadException => error,
        TextDataException data => new TextReadException(format, location, key, data.Message, transient: false, data),
        DecoderFallbackException utf8 => new TextReadException(format, location, key, $"not valid UTF-8 ({utf8.Message})", transient: false, utf8),
        _ when TextDecompression.IsCorruptData(error) =>
            new TextReadException(format, location, key, $"the compressed bytes are not valid ({error.Message})", transient: false, error),
        _ => new TextReadException(format, location, key, $"{error.Message}; it is read again next run", transient: true, error),
    };
}
