using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class MapCastTests
{
    private static readonly MapType Source = new(new Field("key", StringType.Default, false), new Field("value", Int32Type.Default, true));

    [Fact]
    public void Widen_MapOfUtf8ToInt32IntoLargeUtf8ToInt64_KeepsNullMapsEmptyMapsAndNullValues()
    {
        var target = new MapType(new Field("key", LargeStringType.Default, false), new Field("value", Int64Type.Default, true));

        var widened = Assert.IsType<MapArray>(ArrayWidener.Widen(Maps(), target, "m"));

        Assert.Equal(["[{key=\"a\", value=1}, {key=\"b\", value=null}]", "null", "[]", "[{key=\"c\", value=-2147483648}]"], EvolutionArrays.Values(widened));
        Assert.IsType<LargeStringArray>(widened.Keys);
        Assert.IsType<Int64Array>(widened.Values);
        Assert.Equal(EvolutionArrays.Values(widened), EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_SlicedMapIntoKeySortedMap_TakesTheSlicesRows()
    {
        var target = new MapType(new Field("key", StringType.Default, false), new Field("value", Int64Type.Default, true), keySorted: true);

        var widened = ArrayWidener.Widen(ArrowArrayFactory.Slice(Maps(), 1, 3), target, "m");

        Assert.Equal(["null", "[]", "[{key=\"c\", value=-2147483648}]"], EvolutionArrays.Values(widened));
        Assert.Equal(EvolutionArrays.Values(widened), EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_ValueThatDoesNotWiden_NamesThePath()
    {
        var target = new MapType(new Field("key", StringType.Default, false), new Field("value", UInt64Type.Default, true));

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(Maps(), target, "m"));

        Assert.StartsWith("column \"m.value\": int32 does not widen into uint64", error.Message, StringComparison.Ordinal);
    }

    /// <summary>{a: 1, b: null}, null, {}, {c: int.MinValue}.</summary>
    private static MapArray Maps()
    {
        var builder = new MapArray.Builder(Source);
        var keys = (StringArray.Builder)builder.KeyBuilder;
        var values = (Int32Array.Builder)builder.ValueBuilder;
        builder.Append();
        keys.Append("a").Append("b");
        values.Append(1).AppendNull();
        builder.AppendNull();
        builder.Append();
        builder.Append();
        keys.Append("c");
        values.Append(int.MinValue);
        return builder.Build();
    }
}
