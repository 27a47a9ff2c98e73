using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tests.Evolution;

/// <summary>One type of every kind a normalized table schema holds, flat and nested, for the all-null tests.</summary>
internal static class EvolutionTypes
{
    public static IReadOnlyList<IArrowType> All { get; } =
    [
        BooleanType.Default,
        Int8Type.Default,
        Int16Type.Default,
        Int32Type.Default,
        Int64Type.Default,
        UInt8Type.Default,
        UInt16Type.Default,
        UInt32Type.Default,
        UInt64Type.Default,
        FloatType.Default,
        DoubleType.Default,
        new Decimal128Type(38, 10),
        new Decimal256Type(76, 20),
        Date32Type.Default,
        Date64Type.Default,
        new Time32Type(TimeUnit.Second),
        new Time32Type(TimeUnit.Millisecond),
        new Time64Type(TimeUnit.Microsecond),
        new Time64Type(TimeUnit.Nanosecond),
        new TimestampType(TimeUnit.Microsecond, "UTC"),
        new TimestampType(TimeUnit.Nanosecond, (string?)null),
        DurationType.Millisecond,
        StringType.Default,
        LargeStringType.Default,
        BinaryType.Default,
        LargeBinaryType.Default,
        new FixedSizeBinaryType(16),
        new ListType(Int32Type.Default),
        new LargeListType(new Field("item", StringType.Default, true)),
        new FixedSizeListType(new Field("item", Int64Type.Default, true), 3),
        new StructType([new Field("a", Int32Type.Default, true), new Field("b", new ListType(StringType.Default), true)]),
        new MapType(new Field("key", StringType.Default, false), new Field("value", Int64Type.Default, true)),
        new ListType(new StructType([new Field("m", new MapType(StringType.Default, new Decimal128Type(9, 2)), true)])),
        NullType.Default,
    ];

    public static TheoryData<IArrowType> AllData()
    {
        var data = new TheoryData<IArrowType>();
        foreach (var type in All)
        {
            data.Add(type);
        }

        return data;
    }

    /// <summary>A schema with one nullable column per type, named <c>c0</c>, <c>c1</c>, ….</summary>
    public static IEnumerable<Field> Columns() => All.Select((type, i) => new Field($"c{i}", type, true));
}
