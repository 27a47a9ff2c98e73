using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class StructCastTests
{
    private static readonly StructType Source = new([new Field("a", Int32Type.Default, true), new Field("b", StringType.Default, true)]);

    // Reordered, "b" widened, "c" (a list) missing from the source, "a" widened.
    private static readonly StructType Target = new(
    [
        new Field("b", LargeStringType.Default, true),
        new Field("c", new ListType(Int64Type.Default), true),
        new Field("a", Int64Type.Default, true),
    ]);

    [Fact]
    public void Widen_StructWithMissingAndWidenedChildren_MatchesByNameInTargetOrder()
    {
        var source = Points();

        var widened = Assert.IsType<StructArray>(ArrayWidener.Widen(source, Target, "p"));

        Assert.Equal(
            ["{b=\"x\", c=null, a=1}", "null", "{b=null, c=null, a=null}", "{b=\"\", c=null, a=2147483647}"],
            EvolutionArrays.Values(widened));
        Assert.Equal(1, widened.NullCount);
        Assert.IsType<LargeStringArray>(widened.Fields[0]);
        Assert.IsType<Int64Array>(widened.Fields[2]);
        Assert.Equal(4, widened.Fields[1].NullCount);
        Assert.Equal(EvolutionArrays.Values(widened), EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_SlicedStruct_RebasesItsValidityAndChildren()
    {
        var sliced = ArrowArrayFactory.Slice(Points(), 1, 3);

        var widened = Assert.IsType<StructArray>(ArrayWidener.Widen(sliced, Target, "p"));

        Assert.Equal(["null", "{b=null, c=null, a=null}", "{b=\"\", c=null, a=2147483647}"], EvolutionArrays.Values(widened));
        Assert.Equal(0, widened.Offset);
        Assert.All(widened.Fields, field => Assert.Equal(3, field.Length));
        Assert.Equal(EvolutionArrays.Values(widened), EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_NestedStructWithAMissingAndAWidenedChild_ConformsEveryLevel()
    {
        var innerSource = new StructType([new Field("x", Int8Type.Default, true)]);
        var inner = new StructArray(innerSource, 2, [new Int8Array.Builder().Append(-5).AppendNull().Build()], ArrowBuffer.Empty);
        var outerSource = new StructType([new Field("inner", innerSource, true)]);
        var outer = new StructArray(outerSource, 2, [inner], ArrowBuffer.Empty);
        var innerTarget = new StructType([new Field("x", Int16Type.Default, true), new Field("when", new TimestampType(TimeUnit.Microsecond, "UTC"), true)]);
        var outerTarget = new StructType([new Field("inner", innerTarget, true), new Field("note", StringType.Default, true)]);

        var widened = ArrayWidener.Widen(outer, outerTarget, "o");

        Assert.Equal(["{inner={x=-5, when=null}, note=null}", "{inner={x=null, when=null}, note=null}"], EvolutionArrays.Values(widened));
        Assert.Equal(EvolutionArrays.Values(widened), EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_StructOfEqualChildren_SharesTheirBuffers()
    {
        var source = Points();
        var renamedOnlyNullability = new StructType([new Field("a", Int32Type.Default, false), new Field("b", StringType.Default, true)]);

        var widened = Assert.IsType<StructArray>(ArrayWidener.Widen(source, renamedOnlyNullability, "p"));

        Assert.True(EvolutionArrays.SameMemory(source.Fields[0].Data.Buffers[1], widened.Fields[0].Data.Buffers[1]));
        Assert.True(EvolutionArrays.SameMemory(source.Fields[1].Data.Buffers[2], widened.Fields[1].Data.Buffers[2]));
        Assert.Equal(EvolutionArrays.Values(source), EvolutionArrays.Values(widened));
    }

    [Fact]
    public void Widen_SourceFieldMissingFromTheTarget_ThrowsArgumentExceptionNamingIt()
    {
        var target = new StructType([new Field("a", Int64Type.Default, true)]);

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(Points(), target, "p"));

        Assert.StartsWith("the target has no field \"p.b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Widen_ChildThatDoesNotWiden_NamesItsPath()
    {
        var target = new StructType([new Field("a", Int16Type.Default, true), new Field("b", StringType.Default, true)]);

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(Points(), target, "p"));

        Assert.StartsWith("column \"p.a\": int32 does not widen into int16", error.Message, StringComparison.Ordinal);
    }

    /// <summary>{a=1, b="x"}, null (its children hold values), {a=null, b=null}, {a=int.MaxValue, b=""}.</summary>
    private static StructArray Points()
    {
        var a = new Int32Array.Builder().Append(1).Append(99).AppendNull().Append(int.MaxValue).Build();
        var b = new StringArray.Builder().Append("x").Append("hidden").AppendNull().Append("").Build();
        var validity = new ArrowBuffer.BitmapBuilder().Append(true).Append(false).Append(true).Append(true).Build();
        return new StructArray(Source, 4, [a, b], validity, nullCount: 1);
    }
}
