using System.Numerics;

namespace CqSourceS3.Client.Text;

/// <summary>
/// The exact double nearest to <c>w × 10^q</c> for a decimal of at most 19 digits, by Daniel Lemire's method (after
/// Michael Eisel): one 64×128-bit multiplication by a truncated power of five decides the result, except in rare
/// cases that it recognises and leaves to the runtime's parser. It serves the 17-digit decimals that shortest
/// round-trip printing writes (most random doubles), which Clinger's exact case in <see cref="NumberText"/> cannot.
/// </summary>
/// <remarks>
/// The table of powers of five is computed once with <see cref="BigInteger"/> from its definition: for q ≥ 0 the
/// 128 most significant bits of 5^q, for q &lt; 0 a 128-bit reciprocal rounded up. NumberTextTests compare every
/// result with the runtime's bit for bit.
/// </remarks>
internal static class EiselLemire
{
    private const int SmallestPowerOfTen = -342;
    private const int LargestPowerOfTen = 308;
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;

    // Two words per power, most significant first, for q from SmallestPowerOfTen to LargestPowerOfTen.
    private static readonly ulong[] PowersOfFive = BuildPowersOfFive();

    /// <summary>The double nearest to <paramref name="w"/> × 10^<paramref name="q"/>; false when the method cannot decide (the caller asks the runtime).</summary>
    public static bool TryCompute(ulong w, int q, bool negative, out double value)
    {
        value = 0;
        if (w == 0 || q < SmallestPowerOfTen || q > LargestPowerOfTen)
        {
            return false;
        }

        var leadingZeros = BitOperations.LeadingZeroCount(w);
        w <<= leadingZeros;
        var index = 2 * (q - SmallestPowerOfTen);
        var high = Math.BigMul(w, PowersOfFive[index], out var low);
        if ((high & 0x1FF) == 0x1FF)
        {
            // The truncated power left the bits that decide rounding unknown: take the next 64 bits of it into account.
            var secondHigh = Math.BigMul(w, PowersOfFive[index + 1], out _);
            low += secondHigh;
            if (secondHigh > low)
            {
                high++;
            }
        }

        if (low == ulong.MaxValue && (q < -27 || q > 55))
        {
            // Too close to a rounding boundary for the 128-bit power to tell.
            return false;
        }

        var upperBit = (int)(high >> 63);
        var shift = upperBit + 64 - MantissaBits - 3;
        var mantissa = high >> shift;
        var power2 = Power(q) + upperBit - leadingZeros + ExponentBias;
        if (power2 <= 0)
        {
            // Subnormal results are left to the runtime.
            return false;
        }

        // Round half to even: exactly halfway only where the product is exact, which needs a small power of ten.
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high)
        {
            mantissa &= ~1UL;
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << MantissaBits)
        {
            mantissa = 1UL << MantissaBits;
            power2++;
        }

        if (power2 >= 0x7FF)
        {
            return false;
        }

        mantissa &= ~(1UL << MantissaBits);
        var bits = mantissa | ((ulong)power2 << MantissaBits) | (negative ? 1UL << 63 : 0);
        value = BitConverter.UInt64BitsToDouble(bits);
        return true;
    }

    // floor(log2(10^q)) + 63, by a fixed-point approximation exact over the table's range.
    private static int Power(int q) => (((152170 + 65536) * q) >> 16) + 63;

    private static ulong[] BuildPowersOfFive()
    {
        var words = new ulong[2 * (LargestPowerOfTen - SmallestPowerOfTen + 1)];
        var two128 = BigInteger.One << 128;
        for (var q = SmallestPowerOfTen; q <= LargestPowerOfTen; q++)
        {
            BigInteger bits;
            if (q >= 0)
            {
                bits = BigInteger.Pow(5, q);
                var length = (int)bits.GetBitLength();
                bits = length <= 128 ? bits << (128 - length) : bits >> (length - 128);
            }
            else
            {
                var power = BigInteger.Pow(5, -q);
                var z = (int)(power - 1).GetBitLength();
                bits = q >= -27
                    ? (BigInteger.One << (z + 127)) / power + 1
                    : (BigInteger.One << ((2 * z) + 128)) / power + 1;
                while (bits >= two128)
                {
                    bits >>= 1;
                }
            }

            var index = 2 * (q - SmallestPowerOfTen);
            words[index] = (ulong)(bits >> 64);
            words[index + 1] = (ulong)(bits & ulong.MaxValue);
        }

        return words;
    }
}
