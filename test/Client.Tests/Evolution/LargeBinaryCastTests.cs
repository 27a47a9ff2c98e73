using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class LargeBinaryCastTests
{
    [Fact]
    public void Widen_Utf8IntoLargeUtf8_KeepsEmptyStringsAndNullsAndSharesTheBytes()
    {
        var source = new StringArray.Builder().Append("a").Append("").AppendNull().Append("héllo").Append("").Build();

        var widened = Assert.IsType<LargeStringArray>(ArrayWidener.Widen(source, LargeStringType.Default, "s"));

        Assert.Equal(["a", "", null, "héllo", ""], Enumerable.Range(0, 5).Select(i => widened.GetString(i)));
        Assert.Equal([0L, 1L, 1L, 1L, 7L, 7L], widened.ValueOffsets.ToArray());
        Assert.True(EvolutionArrays.SameMemory(source.ValueBuffer, widened.ValueBuffer));
        Assert.Equal(["\"a\"", "\"\"", "null", "\"héllo\"", "\"\""], EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_SlicedUtf8_KeepsTheSliceOffsetAndSharesValidityAndBytes()
    {
        var whole = new StringArray.Builder().Append("skip").Append("").AppendNull().Append("xyz").Append("tail").Build();

        var widened = Assert.IsType<LargeStringArray>(ArrayWidener.Widen(ArrowArrayFactory.Slice(whole, 1, 3), LargeStringType.Default, "s"));

        Assert.Equal(["", null, "xyz"], Enumerable.Range(0, 3).Select(i => widened.GetString(i)));
        Assert.Equal(1, widened.Offset);
        Assert.Equal(1, widened.NullCount);
        Assert.True(EvolutionArrays.SameMemory(whole.NullBitmapBuffer, widened.NullBitmapBuffer));
        Assert.True(EvolutionArrays.SameMemory(whole.ValueBuffer, widened.ValueBuffer));
        Assert.Equal(["\"\"", "null", "\"xyz\""], EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_BinaryIntoLargeBinary_KeepsBytesEmptyValuesAndNulls()
    {
        var source = new BinaryArray.Builder().Append([0x00, 0xFF]).AppendNull().Append(ReadOnlySpan<byte>.Empty).Build();

        var widened = Assert.IsType<LargeBinaryArray>(ArrayWidener.Widen(source, LargeBinaryType.Default, "b"));

        Assert.Equal(["0x00FF", "null", "0x"], EvolutionArrays.Values(widened));
        Assert.True(EvolutionArrays.SameMemory(source.ValueBuffer, widened.ValueBuffer));
    }

    [Fact]
    public void Widen_EmptyArrayWithoutOffsets_GetsTheOneOffsetItNeeds()
    {
        var empty = ArrowArrayFactory.BuildArray(
            new ArrayData(StringType.Default, 0, 0, 0, [ArrowBuffer.Empty, ArrowBuffer.Empty, ArrowBuffer.Empty]));

        var widened = Assert.IsType<LargeStringArray>(ArrayWidener.Widen(empty, LargeStringType.Default, "s"));

        Assert.Equal([0L], widened.ValueOffsets.ToArray());
        Assert.Equal(0, EvolutionArrays.RoundTrip(widened).Length);
    }

    [Fact]
    public void Widen_LargeUtf8IntoUtf8_ThrowsArgumentException()
    {
        var source = NullArrays.Of(LargeStringType.Default, 1);

        Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(source, StringType.Default, "s"));
    }
}
