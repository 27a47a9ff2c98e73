using System.Text;

namespace CqSourceS3.Client.Parquet;

/// <summary>What kind of failure the native decoder reported, as far as its error says.</summary>
internal enum NativeErrorKind
{
    /// <summary>The decoder rejected the bytes it was given (a format, thrift, page or value error).</summary>
    Corrupt,

    /// <summary>The bytes are valid but hold something the decoder cannot convert (not implemented, too large).</summary>
    Unsupported,

    /// <summary>Anything else: memory, threads, I/O, cancellation, or a kind we do not know.</summary>
    Transient,
}

/// <summary>
/// A native decoder error taken apart. The native side reports errors only as text, but in two fixed shapes that
/// carry a type: ParquetSharp's <c>&lt;C++ exception type&gt; (message: '&lt;what&gt;')</c>, where the type is
/// <c>typeid(e).name()</c> (Itanium-mangled such as <c>N7parquet16ParquetExceptionE</c> or <c>St12system_error</c>,
/// or MSVC's <c>class parquet::ParquetException</c>), and Arrow's status text <c>&lt;status code&gt;: &lt;message&gt;</c>
/// (which the C stream of record batches passes on as is). The kind is decided from the C++ type and the status
/// code only; the free text after them is never interpreted, only shown (without the mangled type).
/// </summary>
/// <param name="NativeType">The C++ exception type, demangled (<c>parquet::ParquetException</c>), if the text had one.</param>
/// <param name="StatusCode">Arrow's status code name (<c>IOError</c>, <c>Invalid</c>…), if the text had one.</param>
/// <param name="Detail">The message after type and status code, for people.</param>
internal sealed record NativeError(string? NativeType, string? StatusCode, string Detail)
{
    private const string MessageOpening = " (message: '";

    // Arrow's Status::CodeAsString names, longest first so that no name is cut short by a shorter prefix.
    private static readonly string[] StatusCodes =
    [
        "Serialization error", "Capacity error", "Out of memory", "Unknown error", "NotImplemented", "Index error",
        "Type error", "Key error", "Cancelled", "IOError", "Invalid",
    ];

    /// <summary>Takes apart the message of a ParquetSharp <c>ParquetException</c> or of the record batch stream.</summary>
    public static NativeError Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? type = null;
        var text = message;
        var opening = message.IndexOf(MessageOpening, StringComparison.Ordinal);
        if (opening > 0 && message.EndsWith("')", StringComparison.Ordinal))
        {
            type = Demangle(message[..opening]);
            text = message[(opening + MessageOpening.Length)..^2];
        }

        foreach (var code in StatusCodes)
        {
            if (text.StartsWith(code + ":", StringComparison.Ordinal) || text == code)
            {
                return new NativeError(type, code, text[code.Length..].TrimStart(':', ' '));
            }
        }

        return new NativeError(type, null, text);
    }

    /// <summary>
    /// The kind, decided from the type and the status code. Parquet raises its format errors as
    /// <c>ParquetException</c>, and inside a record batch reader they become an <c>IOError</c> status: every byte the
    /// decoder reads comes through our stream, which records its own failures, so an IOError seen when the stream
    /// did not fail is the decoder's verdict on bytes it was given in full.
    /// </summary>
    public NativeErrorKind Kind => (NativeType, StatusCode) switch
    {
        (_, "Out of memory" or "Cancelled" or "Unknown error") => NativeErrorKind.Transient,
        (_, "NotImplemented" or "Capacity error") => NativeErrorKind.Unsupported,
        (_, "Invalid" or "IOError" or "Type error" or "Index error" or "Key error" or "Serialization error") => NativeErrorKind.Corrupt,
        ("parquet::ParquetException", _) when Detail.StartsWith("Not yet implemented", StringComparison.Ordinal) => NativeErrorKind.Unsupported,
        ("parquet::ParquetException" or "parquet::ParquetInvalidOrCorruptedFileException", _) => NativeErrorKind.Corrupt,
        // Thrown while decoding values from bad lengths or indexes.
        ("std::out_of_range" or "std::length_error" or "std::invalid_argument", _) => NativeErrorKind.Corrupt,
        // std::system_error (a thread or lock the machine could not give), std::bad_alloc, "unknown", and the rest.
        _ => NativeErrorKind.Transient,
    };

    /// <summary>The error for people: the message, and the C++ type only where it says something (never mangled).</summary>
    public string Describe() => NativeType switch
    {
        "std::system_error" => $"the system refused a resource ({Detail})",
        "std::bad_alloc" => "out of memory",
        _ when StatusCode is "Out of memory" => $"out of memory ({Detail})",
        _ => Detail.Length == 0 ? StatusCode ?? "the decoder gave no message" : Detail,
    };

    /// <summary>
    /// Turns <c>N7parquet16ParquetExceptionE</c> into <c>parquet::ParquetException</c> and <c>St12system_error</c>
    /// into <c>std::system_error</c>; strips MSVC's <c>class </c>; anything else is returned unchanged.
    /// </summary>
    internal static string Demangle(string type)
    {
        if (type.StartsWith("class ", StringComparison.Ordinal) || type.StartsWith("struct ", StringComparison.Ordinal))
        {
            return type[(type.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        }

        var names = new List<string>();
        var at = 0;
        if (type.StartsWith("St", StringComparison.Ordinal))
        {
            names.Add("std");
            at = 2;
        }
        else if (type.StartsWith('N') && type.EndsWith('E'))
        {
            at = 1;
            if (type.AsSpan(1).StartsWith("St"))
            {
                names.Add("std");
                at = 3;
            }
        }
        else
        {
            return type;
        }

        while (at < type.Length && char.IsAsciiDigit(type[at]))
        {
            var digits = at;
            while (at < type.Length && char.IsAsciiDigit(type[at]))
            {
                at++;
            }

            var length = int.Parse(type.AsSpan(digits, at - digits), System.Globalization.CultureInfo.InvariantCulture);
            if (at + length > type.Length)
            {
                return type;
            }

            names.Add(type.Substring(at, length));
            at += length;
        }

        var rest = type[at..];
        return names.Count > (names.FirstOrDefault() == "std" ? 1 : 0) && rest is "" or "E"
            ? new StringBuilder().AppendJoin("::", names).ToString()
            : type;
    }
}
