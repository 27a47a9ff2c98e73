using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class DecimalCastTests
{
    private static readonly BigInteger Max38Digits = BigInteger.Pow(10, 38) - 1;

    [Fact]
    public void Widen_Decimal128IntoLargerScale_MultipliesPositiveAndNegativeValues()
    {
        var source = EvolutionArrays.Decimals(new Decimal128Type(10, 2), 12345, -12345, null, 0, 9_999_999_999, -9_999_999_999, -1);

        var widened = Assert.IsType<Decimal128Array>(ArrayWidener.Widen(source, new Decimal128Type(13, 5), "price"));

        Assert.Equal(
            ["123.45000", "-123.45000", null, "0.00000", "99999999.99000", "-99999999.99000", "-0.01000"],
            Enumerable.Range(0, 7).Select(widened.GetString));
        Assert.Equal((13, 5), (widened.Precision, widened.Scale));
    }

    [Fact]
    public void Widen_MaxPrecision38IntoDecimal256_KeepsEveryDigitAtEitherSign()
    {
        var source = EvolutionArrays.Decimals(new Decimal128Type(38, 0), Max38Digits, -Max38Digits, null, 7);

        var widened = Assert.IsType<Decimal256Array>(ArrayWidener.Widen(source, new Decimal256Type(40, 2), "big"));

        var digits = new string('9', 38);
        Assert.Equal([digits + ".00", "-" + digits + ".00", null, "7.00"], Enumerable.Range(0, 4).Select(widened.GetString));
        Assert.Equal(
            [digits + ".00", "-" + digits + ".00", "null", "7.00"],
            EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_Decimal128IntoDecimal256SameScale_SignExtends()
    {
        var source = EvolutionArrays.Decimals(new Decimal128Type(5, 2), -100, 99999, null, -99999);

        var widened = Assert.IsType<Decimal256Array>(ArrayWidener.Widen(source, new Decimal256Type(50, 2), "d"));

        Assert.Equal(["-1.00", "999.99", null, "-999.99"], Enumerable.Range(0, 4).Select(widened.GetString));
    }

    [Fact]
    public void Widen_Decimal256IntoWiderDecimal256_RescalesBeyond128Bits()
    {
        var fortyNines = BigInteger.Pow(10, 40) - 1;
        var source = EvolutionArrays.Decimals(new Decimal256Type(40, 0), fortyNines, -fortyNines, null, -3);

        var widened = Assert.IsType<Decimal256Array>(ArrayWidener.Widen(source, new Decimal256Type(76, 36), "d"));

        var fraction = "." + new string('0', 36);
        Assert.Equal(
            [new string('9', 40) + fraction, "-" + new string('9', 40) + fraction, null, "-3" + fraction],
            Enumerable.Range(0, 4).Select(widened.GetString));
    }

    [Fact]
    public void Widen_OnlyPrecisionGrows_SharesTheValueBuffer()
    {
        var source = EvolutionArrays.Decimals(new Decimal128Type(10, 2), 12345, null);

        var widened = Assert.IsType<Decimal128Array>(ArrayWidener.Widen(source, new Decimal128Type(20, 2), "d"));

        Assert.True(EvolutionArrays.SameMemory(source.Data.Buffers[1], widened.Data.Buffers[1]));
        Assert.Equal(["123.45", null], Enumerable.Range(0, 2).Select(widened.GetString));
        Assert.Equal(20, widened.Precision);
    }

    [Fact]
    public void Widen_SlicedDecimalsWithNulls_TakesTheSlicesRows()
    {
        var whole = EvolutionArrays.Decimals(new Decimal128Type(6, 1), 1, null, -25, 30, null);
        var slice = ArrowArrayFactory.Slice(whole, 1, 3);

        var widened = Assert.IsType<Decimal128Array>(ArrayWidener.Widen(slice, new Decimal128Type(8, 3), "d"));

        Assert.Equal([null, "-2.500", "3.000"], Enumerable.Range(0, 3).Select(widened.GetString));
        Assert.Equal(1, widened.NullCount);
    }

    [Fact]
    public void Widen_ValueBeyondItsDeclaredPrecisionOverflows_ThrowsColumnWideningException()
    {
        // A decimal128(10, 0) holding 10^30 is malformed, but files do hold such values; rescaled it overflows 128 bits.
        var source = EvolutionArrays.Decimals(new Decimal128Type(10, 0), 1, BigInteger.Pow(10, 30));

        var error = Assert.Throws<ColumnWideningException>(() => ArrayWidener.Widen(source, new Decimal128Type(38, 28), "d"));

        Assert.Equal($"column \"d\": value 1{new string('0', 30)} (decimal(10, 0)) does not fit decimal(38, 28)", error.Message);
        Assert.Equal(FailureKind.Data, error.Kind);
    }

    [Fact]
    public void Widen_GarbageUnderANull_IsNotRescaled()
    {
        var valid = EvolutionArrays.Decimals(new Decimal128Type(10, 0), 5, BigInteger.Pow(10, 37));
        var data = valid.Data;
        var validity = new ArrowBuffer.BitmapBuilder().Append(true).Append(false).Build();
        var withNull = ArrowArrayFactory.BuildArray(new ArrayData(data.DataType, 2, 1, 0, [validity, data.Buffers[1]]));

        var widened = Assert.IsType<Decimal128Array>(ArrayWidener.Widen(withNull, new Decimal128Type(38, 28), "d"));

        Assert.Equal(["5." + new string('0', 28), null], Enumerable.Range(0, 2).Select(widened.GetString));
    }

    public static TheoryData<IArrowType, IArrowType> Narrowings => new()
    {
        { new Decimal128Type(10, 2), new Decimal128Type(10, 3) },
        { new Decimal128Type(10, 2), new Decimal128Type(12, 1) },
        { new Decimal128Type(10, 2), new Decimal128Type(9, 2) },
        { new Decimal256Type(20, 2), new Decimal128Type(38, 2) },
        { new Decimal128Type(10, 2), Int64Type.Default },
    };

    [Theory]
    [MemberData(nameof(Narrowings))]
    public void Widen_DecimalLosingDigits_ThrowsArgumentException(IArrowType source, IArrowType target)
    {
        var array = NullArrays.Of(source, 1);

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(array, target, "d"));

        Assert.Contains("does not widen", error.Message, StringComparison.Ordinal);
    }
}
