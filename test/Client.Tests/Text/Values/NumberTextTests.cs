using System.Globalization;
using System.Text;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Tests.Text.Values;

/// <summary>
/// The fast number parser must agree with the runtime's parser bit for bit, on characters and on UTF-8 bytes, for
/// every text: the plain forms it takes itself and everything it hands over.
/// </summary>
public sealed class NumberTextTests
{
    public static TheoryData<string> EdgeTexts() =>
    [
        "0", "-0", "+0", "00", "007", "-007", "1", "-1", "+5", "9", "10", "123456789012345678", "-123456789012345678",
        "1234567890123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "0.0", "-0.0", "1.5", "-1.5", "262.7", "884.07", "98939964.0665", "-90886006.1657",
        "0.3920385643802763", "0.1", "0.2", "0.3", "1e0", "1E5", "1e-5", "1e22", "1e23", "1e-22", "1e-23", "2.5e+3",
        "9007199254740992", "9007199254740993", "9007199254740993.0", "9007199254740991.5", "4503599627370497.5",
        "123456789012345678901234567890", "0.000000000000000000000000001", "1.7976931348623157e308", "1e309", "-1e309",
        "4.9e-324", "2e-324", "1e-400", "NaN", "Infinity", "-Infinity", "nan", "inf", "", "-", "+", ".", "1.", ".5", "-.5",
        "1e", "1e+", "1e-", "1ee5", "1.2.3", "1,5", " 1", "1 ", " 1.5 ", "١", "1_000", "0x10", "1e99999", "1e-99999",
        "12345678901234567.5", "1234567890123456789e-10", "0.00000000000000000001", "3.14159265358979323846",
    ];

    [Theory]
    [MemberData(nameof(EdgeTexts))]
    public void TryParseFloat64_EdgeText_AgreesWithRuntime(string text) => AssertFloat64Agrees(text);

    [Theory]
    [MemberData(nameof(EdgeTexts))]
    public void TryParseInt64_EdgeText_AgreesWithRuntime(string text) => AssertInt64Agrees(text);

    [Fact]
    public void TryParseFloat64_RandomDecimals_AgreeWithRuntime()
    {
        var random = new Random(20);
        for (var n = 0; n < 200_000; n++)
        {
            // Plain decimals of every length around the fast path's limits, with and without an exponent.
            var whole = RandomDigits(random, random.Next(1, 12));
            var fraction = random.Next(3) == 0 ? string.Empty : "." + RandomDigits(random, random.Next(1, 14));
            var exponent = random.Next(4) == 0 ? "e" + random.Next(-30, 31).ToString(CultureInfo.InvariantCulture) : string.Empty;
            AssertFloat64Agrees((random.Next(2) == 0 ? "-" : string.Empty) + whole + fraction + exponent);
        }
    }

    [Fact]
    public void TryParseFloat64_ShortestRoundTripOfRandomDoubles_AgreeWithRuntime()
    {
        var random = new Random(53);
        for (var n = 0; n < 200_000; n++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            AssertFloat64Agrees(value.ToString("R", CultureInfo.InvariantCulture));
            AssertFloat64Agrees((random.NextDouble() * Math.Pow(10, random.Next(-8, 12))).ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void TryParseInt64_RandomIntegers_AgreeWithRuntime()
    {
        var random = new Random(64);
        for (var n = 0; n < 200_000; n++)
        {
            var value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            AssertInt64Agrees(value.ToString(CultureInfo.InvariantCulture));
            AssertInt64Agrees(RandomDigits(random, random.Next(1, 22)));
        }
    }

    private static void AssertFloat64Agrees(string text)
    {
        var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var charsOk = NumberText.TryParseFloat64(text.AsSpan(), out var fromChars);
        var bytesOk = NumberText.TryParseFloat64(Encoding.UTF8.GetBytes(text).AsSpan(), out var fromBytes);
        Assert.True(expectedOk == charsOk && expectedOk == bytesOk, $"\"{text}\": runtime {expectedOk}, chars {charsOk}, bytes {bytesOk}");
        if (expectedOk)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fromChars)
                && BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fromBytes),
                $"\"{text}\": runtime {expected:R}, chars {fromChars:R}, bytes {fromBytes:R}");
        }
    }

    private static void AssertInt64Agrees(string text)
    {
        var expectedOk = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expected);
        var charsOk = NumberText.TryParseInt64(text.AsSpan(), out var fromChars);
        var bytesOk = NumberText.TryParseInt64(Encoding.UTF8.GetBytes(text).AsSpan(), out var fromBytes);
        Assert.True(expectedOk == charsOk && expectedOk == bytesOk, $"\"{text}\": runtime {expectedOk}, chars {charsOk}, bytes {bytesOk}");
        if (expectedOk)
        {
            Assert.True(expected == fromChars && expected == fromBytes, $"\"{text}\": runtime {expected}, chars {fromChars}, bytes {fromBytes}");
        }
    }

    private static string RandomDigits(Random random, int count)
    {
        var digits = new char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }
}
