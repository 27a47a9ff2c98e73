using System.Text;
using CqSourceS3.Client.Text;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.Values;

/// <summary>
/// Dates and timestamps read from UTF-8 bytes (JSON strings) must be read exactly as from characters (CSV fields,
/// and JSON strings with escapes): same verdict, same value.
/// </summary>
public sealed class TemporalTextTests
{
    public static TheoryData<string> Texts() =>
    [
        "2024-01-02", "1970-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10",
        "2024-1-02", "20240102", "2024-01-02T03:04", "2024-01-02 03:04:05", "2024-01-02t03:04:05.123Z", "2024-01-01 00:00:00.221591+00",
        "2024-01-02T03:04:05.123456789+02:00", "2024-01-02T03:04:05.1234567891Z", "2024-01-02T03:04:05-0130", "2024-01-02T03:04:05+2",
        "2024-01-02T24:00:00", "2024-01-02T23:60", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+02:", "1969-12-31T23:59:59.9999995Z",
        "", "x", "２０２４-01-02", "2024-01-02T03:04:05é", "2024‐01‐02",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Parse_Utf8Bytes_SameAsCharacters(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);

        Assert.Equal(Date(text.AsSpan()), Date<byte>(utf8));
        Assert.Equal(Timestamp(text.AsSpan()), Timestamp<byte>(utf8));
        Assert.Equal(TimestampOrDate(text.AsSpan()), TimestampOrDate<byte>(utf8));
    }

    [Fact]
    public void Read_JsonTemporalStringsWithAndWithoutEscapes_SameValues()
    {
        // The first lines set the types; the escaped strings (\u0032 is "2") are read through characters.
        var text = "{\"d\":\"2024-01-02\",\"t\":\"2024-01-02T03:04:05.25+02:00\"}\n"
            + "{\"d\":\"\\u0032024-01-03\",\"t\":\"\\u0032024-01-02\"}\n"
            + "{\"d\":\"2024-01-04\",\"t\":\"2024-01-02\"}\n";

        var batches = Read(text);

        Assert.Equal(["2024-01-02", "2024-01-03", "2024-01-04"], Column(batches, "d"));
        Assert.Equal(["2024-01-02T01:04:05.250000Z", "2024-01-02T00:00:00.000000Z", "2024-01-02T00:00:00.000000Z"], Column(batches, "t"));
    }

    private static (bool, int) Date<TChar>(ReadOnlySpan<TChar> text)
        where TChar : unmanaged, System.Numerics.IBinaryInteger<TChar> => (TemporalText.TryParseDate(text, out var days), days);

    private static (bool, long) Timestamp<TChar>(ReadOnlySpan<TChar> text)
        where TChar : unmanaged, System.Numerics.IBinaryInteger<TChar> => (TemporalText.TryParseTimestamp(text, out var micros), micros);

    private static (bool, long) TimestampOrDate<TChar>(ReadOnlySpan<TChar> text)
        where TChar : unmanaged, System.Numerics.IBinaryInteger<TChar> => (TemporalText.TryParseTimestampOrDate(text, out var micros), micros);
}
