using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class ListCastTests
{
    [Fact]
    public void Widen_ListOfInt32IntoLargeListOfInt64_KeepsNullAndEmptyLists()
    {
        var source = Int32Lists([1, 2], null, [], [int.MinValue], [3, null]);

        var widened = Assert.IsType<LargeListArray>(ArrayWidener.Widen(source, LargeListOf(Int64Type.Default), "l"));

        Assert.Equal(["[1, 2]", "null", "[]", "[-2147483648]", "[3, null]"], EvolutionArrays.Values(widened));
        Assert.IsType<Int64Array>(widened.Values);
        Assert.Equal(1, widened.NullCount);
        Assert.Equal(EvolutionArrays.Values(widened), EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_ListIntoLargeListOfTheSameElements_SharesTheChild()
    {
        var source = Int32Lists([1, 2], null, [3]);

        var widened = Assert.IsType<LargeListArray>(ArrayWidener.Widen(source, LargeListOf(Int32Type.Default), "l"));

        Assert.True(EvolutionArrays.SameMemory(source.Values.Data.Buffers[1], widened.Values.Data.Buffers[1]));
        Assert.Equal(["[1, 2]", "null", "[3]"], EvolutionArrays.Values(widened));
    }

    [Fact]
    public void Widen_ListWhoseElementsWiden_SharesTheOffsetsAndTakesTheTargetsElementName()
    {
        var source = Int32Lists([7], [], null);
        var target = new ListType(new Field("element", Int64Type.Default, true));

        var widened = Assert.IsType<ListArray>(ArrayWidener.Widen(source, target, "l"));

        Assert.True(EvolutionArrays.SameMemory(source.ValueOffsetsBuffer, widened.ValueOffsetsBuffer));
        Assert.Same(target, widened.Data.DataType);
        Assert.Equal(["[7]", "[]", "null"], EvolutionArrays.Values(widened));
    }

    [Fact]
    public void Widen_SlicedListIntoLargeList_TakesTheSlicesRows()
    {
        var whole = Int32Lists([1], null, [2, 3], [], [4]);

        var widened = ArrayWidener.Widen(ArrowArrayFactory.Slice(whole, 1, 3), LargeListOf(Int64Type.Default), "l");

        Assert.Equal(["null", "[2, 3]", "[]"], EvolutionArrays.Values(widened));
        Assert.Equal(["null", "[2, 3]", "[]"], EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_SlicedListOfInt32IntoListOfInt64_KeepsTheOffsetIntoTheWidenedChild()
    {
        var whole = Int32Lists([1], [2, null], null, [4]);

        var widened = ArrayWidener.Widen(ArrowArrayFactory.Slice(whole, 1, 2), new ListType(Int64Type.Default), "l");

        Assert.Equal(["[2, null]", "null"], EvolutionArrays.Values(widened));
        Assert.Equal(["[2, null]", "null"], EvolutionArrays.Values(EvolutionArrays.RoundTrip(widened)));
    }

    [Fact]
    public void Widen_LargeListOfUtf8IntoLargeListOfLargeUtf8_CastsTheElements()
    {
        var builder = new LargeListArray.Builder(StringType.Default);
        var strings = (StringArray.Builder)builder.ValueBuilder;
        builder.Append();
        strings.Append("x").AppendNull();
        builder.AppendNull();
        builder.Append();
        var source = builder.Build();

        var widened = ArrayWidener.Widen(source, LargeListOf(LargeStringType.Default), "l");

        Assert.IsType<LargeStringArray>(((LargeListArray)widened).Values);
        Assert.Equal(["[\"x\", null]", "null", "[]"], EvolutionArrays.Values(widened));
    }

    [Fact]
    public void Widen_SlicedFixedSizeListOfInt16IntoInt32_KeepsNullListsAndNullElements()
    {
        var builder = new FixedSizeListArray.Builder(new Field("item", Int16Type.Default, true), 2);
        var shorts = (Int16Array.Builder)builder.ValueBuilder;
        builder.Append();
        shorts.Append(short.MinValue).Append(short.MaxValue);
        builder.AppendNull();
        builder.Append();
        shorts.Append(1).AppendNull();
        var whole = builder.Build();
        var target = new FixedSizeListType(new Field("item", Int32Type.Default, true), 2);

        var all = ArrayWidener.Widen(whole, target, "f");
        var sliced = ArrayWidener.Widen(ArrowArrayFactory.Slice(whole, 1, 2), target, "f");

        Assert.Equal(["[-32768, 32767]", "null", "[1, null]"], EvolutionArrays.Values(all));
        Assert.Equal(["null", "[1, null]"], EvolutionArrays.Values(sliced));
        Assert.Equal(["null", "[1, null]"], EvolutionArrays.Values(EvolutionArrays.RoundTrip(sliced)));
    }

    [Fact]
    public void Widen_LargeListIntoList_ThrowsArgumentException()
    {
        var source = NullArrays.Of(LargeListOf(Int32Type.Default), 1);

        Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(source, new ListType(Int32Type.Default), "l"));
    }

    [Fact]
    public void Widen_FixedSizeListOfAnotherSize_ThrowsArgumentException()
    {
        var source = NullArrays.Of(new FixedSizeListType(Int32Type.Default, 2), 1);

        Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(source, new FixedSizeListType(Int32Type.Default, 3), "f"));
    }

    [Fact]
    public void Widen_ElementThatDoesNotWiden_NamesTheElementInTheMessage()
    {
        var source = Int32Lists([1]);

        var error = Assert.Throws<ArgumentException>(() => ArrayWidener.Widen(source, new ListType(Int16Type.Default), "tags"));

        Assert.StartsWith("column \"tags.item\": int32 does not widen into int16", error.Message, StringComparison.Ordinal);
    }

    private static LargeListType LargeListOf(IArrowType element) => new(new Field("item", element, true));

    private static ListArray Int32Lists(params int?[]?[] rows)
    {
        var builder = new ListArray.Builder(Int32Type.Default);
        var values = (Int32Array.Builder)builder.ValueBuilder;
        foreach (var row in rows)
        {
            if (row is null)
            {
                builder.AppendNull();
                continue;
            }

            builder.Append();
            foreach (var value in row)
            {
                _ = value is { } v ? values.Append(v) : values.AppendNull();
            }
        }

        return builder.Build();
    }
}
