using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class NullArraysTests
{
    public static TheoryData<IArrowType> Types => EvolutionTypes.AllData();

    [Theory]
    [MemberData(nameof(Types))]
    public void Of_AnyType_IsAllNullAndSurvivesAnIpcRoundTrip(IArrowType type)
    {
        var nulls = NullArrays.Of(type, 3);

        var read = EvolutionArrays.RoundTrip(nulls);

        Assert.Equal((3, 3), (nulls.Length, nulls.NullCount));
        Assert.Equal(["null", "null", "null"], EvolutionArrays.Values(nulls));
        Assert.Equal(3, read.Length);
        Assert.Equal(["null", "null", "null"], EvolutionArrays.Values(read));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Of_LengthZero_IsAnEmptyArrayOfTheType(IArrowType type)
    {
        var empty = NullArrays.Of(type, 0);

        Assert.Equal(0, empty.Length);
        Assert.Equal(type.TypeId, empty.Data.DataType.TypeId);
        Assert.Equal(0, EvolutionArrays.RoundTrip(empty).Length);
    }

    [Fact]
    public void Of_Lists_HaveZeroOffsetsAndAnEmptyChild()
    {
        var list = Assert.IsType<ListArray>(NullArrays.Of(new ListType(Int32Type.Default), 4));
        var large = Assert.IsType<LargeListArray>(NullArrays.Of(new LargeListType(new Field("item", StringType.Default, true)), 2));

        Assert.Equal([0, 0, 0, 0, 0], list.ValueOffsets.ToArray());
        Assert.Equal(0, list.Values.Length);
        Assert.Equal([0L, 0L, 0L], large.ValueOffsets.ToArray());
        Assert.Equal(0, large.Values.Length);
    }

    [Fact]
    public void Of_StructAndFixedSizeList_HaveNullChildrenOfTheirFullLength()
    {
        var structType = new StructType([new Field("a", Int32Type.Default, false), new Field("s", StringType.Default, true)]);

        var structs = Assert.IsType<StructArray>(NullArrays.Of(structType, 5));
        var fixedLists = Assert.IsType<FixedSizeListArray>(NullArrays.Of(new FixedSizeListType(Int16Type.Default, 3), 5));

        Assert.All(structs.Fields, child => Assert.Equal((5, 5), (child.Length, child.NullCount)));
        Assert.Equal((15, 15), (fixedLists.Values.Length, fixedLists.Values.NullCount));
    }

    [Fact]
    public void Of_Utf8_HasZeroOffsetsEveryRowEmpty()
    {
        var strings = Assert.IsType<StringArray>(NullArrays.Of(StringType.Default, 3));

        Assert.Equal([0, 0, 0, 0], strings.ValueOffsets.ToArray());
        Assert.All(Enumerable.Range(0, 3), i => Assert.Null(strings.GetString(i)));
    }

    [Fact]
    public void Of_ExtensionType_IsItsStorage()
    {
        var nulls = NullArrays.Of(GuidType.Default, 2);

        var storage = Assert.IsType<FixedSizeBinaryArray>(nulls);
        Assert.Equal(2, storage.NullCount);
        Assert.Equal(32, storage.ValueBuffer.Length);
    }

    [Fact]
    public void Of_TypesNormalizedSchemasNeverHold_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => NullArrays.Of(new DictionaryType(Int32Type.Default, StringType.Default, false), 1));
        Assert.Throws<ArgumentException>(() => NullArrays.Of(StringViewType.Default, 1));
    }
}
