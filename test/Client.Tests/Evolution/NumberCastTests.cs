using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class NumberCastTests
{
    [Fact]
    public void Widen_Int8IntoInt16_KeepsMinMaxAndNulls()
    {
        var source = new Int8Array.Builder().Append(sbyte.MinValue).AppendNull().Append(-1).Append(0).Append(sbyte.MaxValue).Build();

        var widened = Assert.IsType<Int16Array>(ArrayWidener.Widen(source, Int16Type.Default, "n"));

        Assert.Equal([sbyte.MinValue, null, -1, 0, sbyte.MaxValue], Enumerable.Range(0, 5).Select(widened.GetValue));
        Assert.Equal(1, widened.NullCount);
    }

    [Fact]
    public void Widen_Int16IntoInt32_KeepsMinMaxAndNulls()
    {
        var source = new Int16Array.Builder().AppendNull().Append(short.MinValue).Append(short.MaxValue).Build();

        var widened = Assert.IsType<Int32Array>(ArrayWidener.Widen(source, Int32Type.Default, "n"));

        Assert.Equal([null, short.MinValue, short.MaxValue], Enumerable.Range(0, 3).Select(widened.GetValue));
    }

    [Fact]
    public void Widen_Int32AndInt8IntoInt64_KeepMinMaxAndNulls()
    {
        var int32 = new Int32Array.Builder().Append(int.MinValue).Append(int.MaxValue).AppendNull().Build();
        var int8 = new Int8Array.Builder().Append(sbyte.MinValue).Append(sbyte.MaxValue).AppendNull().Build();

        var fromInt32 = Assert.IsType<Int64Array>(ArrayWidener.Widen(int32, Int64Type.Default, "n"));
        var fromInt8 = Assert.IsType<Int64Array>(ArrayWidener.Widen(int8, Int64Type.Default, "n"));

        Assert.Equal([int.MinValue, int.MaxValue, null], Enumerable.Range(0, 3).Select(fromInt32.GetValue));
        Assert.Equal([sbyte.MinValue, sbyte.MaxValue, null], Enumerable.Range(0, 3).Select(fromInt8.GetValue));
    }

    [Fact]
    public void Widen_UnsignedIntoWiderUnsigned_KeepsZeroMaxAndNulls()
    {
        var uint8 = new UInt8Array.Builder().Append(0).AppendNull().Append(byte.MaxValue).Build();
        var uint16 = new UInt16Array.Builder().Append(ushort.MaxValue).AppendNull().Append(0).Build();
        var uint32 = new UInt32Array.Builder().AppendNull().Append(uint.MaxValue).Append(0).Build();

        var fromUInt8 = Assert.IsType<UInt16Array>(ArrayWidener.Widen(uint8, UInt16Type.Default, "n"));
        var fromUInt16 = Assert.IsType<UInt64Array>(ArrayWidener.Widen(uint16, UInt64Type.Default, "n"));
        var fromUInt32 = Assert.IsType<UInt64Array>(ArrayWidener.Widen(uint32, UInt64Type.Default, "n"));

        Assert.Equal([0, null, byte.MaxValue], Enumerable.Range(0, 3).Select(fromUInt8.GetValue));
        Assert.Equal([ushort.MaxValue, null, 0UL], Enumerable.Range(0, 3).Select(fromUInt16.GetValue));
        Assert.Equal([null, uint.MaxValue, 0UL], Enumerable.Range(0, 3).Select(fromUInt32.GetValue));
    }

    [Fact]
    public void Widen_UnsignedIntoStrictlyWiderSigned_KeepsMaxValues()
    {
        var uint8 = new UInt8Array.Builder().Append(byte.MaxValue).AppendNull().Build();
        var uint16 = new UInt16Array.Builder().Append(ushort.MaxValue).AppendNull().Build();
        var uint32 = new UInt32Array.Builder().Append(uint.MaxValue).AppendNull().Append(0).Build();

        var toInt16 = Assert.IsType<Int16Array>(ArrayWidener.Widen(uint8, Int16Type.Default, "n"));
        var toInt32 = Assert.IsType<Int32Array>(ArrayWidener.Widen(uint16, Int32Type.Default, "n"));
        var toInt64 = Assert.IsType<Int64Array>(ArrayWidener.Widen(uint32, Int64Type.Default, "n"));

        Assert.Equal([(short)255, null], Enumerable.Range(0, 2).Select(toInt16.GetValue));
        Assert.Equal([65535, null], Enumerable.Range(0, 2).Select(toInt32.GetValue));
        Assert.Equal([4294967295L, null, 0L], Enumerable.Range(0, 3).Select(toInt64.GetValue));
    }

    [Fact]
    public void Widen_Float32SpecialValues_BecomeTheSameFloat64Exactly()
    {
        var source = new FloatArray.Builder()
            .Append(float.NaN).Append(float.PositiveInfinity).Append(float.NegativeInfinity).Append(-0f)
            .Append(float.Epsilon).Append(float.MaxValue).Append(0.1f).AppendNull()
            .Build();

        var widened = Assert.IsType<DoubleArray>(ArrayWidener.Widen(source, DoubleType.Default, "x"));

        Assert.True(double.IsNaN(widened.GetValue(0)!.Value));
        Assert.Equal(double.PositiveInfinity, widened.GetValue(1));
        Assert.Equal(double.NegativeInfinity, widened.GetValue(2));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0d), BitConverter.DoubleToInt64Bits(widened.GetValue(3)!.Value));
        Assert.Equal(1.401298464324817E-45, widened.GetValue(4));
        Assert.Equal(3.4028234663852886E+38, widened.GetValue(5));
        Assert.Equal(0.10000000149011612, widened.GetValue(6));
        Assert.Null(widened.GetValue(7));
    }

    [Fact]
    public void Widen_SlicedInput_TakesOnlyTheSlicesRowsAndNulls()
    {
        var whole = new Int32Array.Builder().Append(1).AppendNull().Append(3).AppendNull().Append(5).Append(6).Build();
        var slice = ArrowArrayFactory.Slice(whole, 2, 3);

        var widened = Assert.IsType<Int64Array>(ArrayWidener.Widen(slice, Int64Type.Default, "n"));

        Assert.Equal([3L, null, 5L], Enumerable.Range(0, 3).Select(widened.GetValue));
        Assert.Equal(0, widened.Offset);
        Assert.Equal(1, widened.NullCount);
        Assert.Equal(["3", "null", "5"], EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    public static TheoryData<IArrowType, IArrowType> Narrowings => new()
    {
        { Int64Type.Default, Int32Type.Default },
        { Int32Type.Default, UInt32Type.Default },
        { Int8Type.Default, UInt64Type.Default },
        { UInt64Type.Default, Int64Type.Default },
        { UInt32Type.Default, Int32Type.Default },
        { DoubleType.Default, FloatType.Default },
        { Int32Type.Default, DoubleType.Default },
        { Int64Type.Default, FloatType.Default },
    };

    [Theory]
    [MemberData(nameof(Narrowings))]
    public void Widen_NotAWidening_ThrowsArgumentExceptionNamingTheColumn(IArrowType source, IArrowType target)
    {
        var array = NullArrays.Of(source, 1);

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(array, target, "amount"));

        Assert.Contains("column \"amount\"", error.Message, StringComparison.Ordinal);
    }
}
