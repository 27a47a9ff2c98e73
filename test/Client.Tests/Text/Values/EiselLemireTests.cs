using System.Globalization;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Tests.Text.Values;

/// <summary>
/// The Eisel–Lemire path on its own: it must decide nearly every decimal it is given (or the fast path would be no
/// faster) and agree with the runtime bit for bit on each one it decides.
/// </summary>
public sealed class EiselLemireTests
{
    [Fact]
    public void TryCompute_SeventeenDigitDecimalsOfRandomDoubles_DecidesNearlyAllAndAgrees()
    {
        var random = new Random(1234);
        var decided = 0;
        const int Count = 100_000;
        for (var n = 0; n < Count; n++)
        {
            // Normal doubles over the whole exponent range, printed as the shortest text that round-trips.
            var value = BitConverter.Int64BitsToDouble(random.NextInt64(0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF));
            var (mantissa, exponent) = Decimal(value.ToString("E16", CultureInfo.InvariantCulture));
            if (!EiselLemire.TryCompute(mantissa, exponent, negative: false, out var computed))
            {
                continue;
            }

            decided++;
            var expected = double.Parse($"{mantissa}e{exponent}", CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(computed), $"{mantissa}e{exponent}: runtime {expected:R}, computed {computed:R}");
        }

        Assert.InRange(decided, Count * 99 / 100, Count);
    }

    [Theory]
    [InlineData(9007199254740993UL, 0)]    // 2^53 + 1: halfway between two doubles, rounds to even
    [InlineData(9007199254740995UL, 0)]    // 2^53 + 3: halfway, rounds up to even
    [InlineData(18014398509481985UL, 0)]   // 2^54 + 1
    [InlineData(17976931348623157UL, 292)] // the largest double
    [InlineData(22250738585072014UL, -324)] // the smallest normal double
    [InlineData(4940656458412465UL, -339)] // the smallest subnormal: left to the runtime or exact
    [InlineData(12345678901234567890UL, -5)]
    [InlineData(1UL, 308)]
    [InlineData(1UL, -307)]
    [InlineData(99999999999999999UL, 291)]
    public void TryCompute_Boundaries_AgreesWithRuntimeWhenItDecides(ulong mantissa, int exponent)
    {
        if (EiselLemire.TryCompute(mantissa, exponent, negative: true, out var computed))
        {
            var expected = -double.Parse($"{mantissa}e{exponent}", CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(computed));
        }
    }

    // "d.dddddddddddddddde±x" as a 17-digit mantissa and its power of ten.
    private static (ulong Mantissa, int Exponent) Decimal(string scientific)
    {
        var parts = scientific.Split('E');
        var digits = parts[0].Replace(".", string.Empty, StringComparison.Ordinal);
        return (ulong.Parse(digits, CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture) - (digits.Length - 1));
    }
}
