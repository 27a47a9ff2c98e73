using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class SchemaUnionTests
{
    [Fact]
    public void Of_OneObject_GivesItsSchemaWithNoEvolution()
    {
        var schema = Of(new Field("id", Int64Type.Default, nullable: false), new Field("name", StringType.Default, nullable: true));

        var result = SchemaUnion.Of("t", [new("t/a.parquet", schema)]);

        Assert.Null(result.Conflict);
        Assert.Same(schema, result.Schema);
        Assert.Equal([new ColumnEvolution("id", 0, []), new ColumnEvolution("name", 0, [])], result.Columns, EvolutionComparer.Instance);
    }

    [Fact]
    public void Of_AllObjectsShareOneSchemaInstance_GivesItAsIs()
    {
        var schema = Of(new Field("id", Int64Type.Default, nullable: false));

        var result = SchemaUnion.Of("t", [new("t/a.parquet", schema), new("t/b.parquet", schema), new("t/c.parquet", schema)]);

        Assert.Same(schema, result.Schema);
        Assert.False(result.Schema!.FieldsList[0].IsNullable);
        Assert.Equal([new ColumnEvolution("id", 0, [])], result.Columns, EvolutionComparer.Instance);
    }

    [Fact]
    public void Of_ColumnAddedInTheNewestObject_IsLastAndNullableAndMissingInTheOlder()
    {
        var newest = Of(Required("id", Int64Type.Default), Required("score", DoubleType.Default));
        var older = Of(Required("id", Int64Type.Default));

        var result = SchemaUnion.Of("t", [new("t/b.parquet", newest), new("t/a.parquet", older)]);

        Assert.Equal(["id", "score"], Names(result));
        Assert.Equal([false, true], result.Schema!.FieldsList.Select(f => f.IsNullable));
        Assert.Equal([0, 1], result.Columns.Select(c => c.MissingIn));
    }

    [Fact]
    public void Of_ColumnDroppedInTheNewestObject_FollowsTheNewestColumnsAsNullable()
    {
        var newest = Of(Required("id", Int64Type.Default));
        var older = Of(Required("legacy", StringType.Default), Required("id", Int64Type.Default));

        var result = SchemaUnion.Of("t", [new("t/b.parquet", newest), new("t/a.parquet", older)]);

        Assert.Equal(["id", "legacy"], Names(result));
        Assert.True(result.Schema!.FieldsList[1].IsNullable);
        Assert.Equal(1, result.Columns[1].MissingIn);
    }

    [Fact]
    public void Of_ReorderedColumns_TakeTheNewestOrder()
    {
        var newest = Of(Required("b", StringType.Default), Required("a", Int64Type.Default));
        var older = Of(Required("a", Int64Type.Default), Required("b", StringType.Default));

        var result = SchemaUnion.Of("t", [new("t/2.parquet", newest), new("t/1.parquet", older)]);

        Assert.Equal(["b", "a"], Names(result));
        Assert.All(result.Columns, c => Assert.Equal(0, c.MissingIn));
        Assert.Equal([false, false], result.Schema!.FieldsList.Select(f => f.IsNullable));
    }

    [Fact]
    public void Of_ThreeObjects_NewestColumnsThenOlderOnesInFirstSeenOrder()
    {
        var newest = Of(Required("a", Int64Type.Default), Required("b", Int64Type.Default));
        var middle = Of(Required("c", Int64Type.Default), Required("a", Int64Type.Default), Required("d", Int64Type.Default));
        var oldest = Of(Required("f", Int64Type.Default), Required("d", Int64Type.Default), Required("b", Int64Type.Default), Required("e", Int64Type.Default));

        var result = SchemaUnion.Of("t", [new("t/3.parquet", newest), new("t/2.parquet", middle), new("t/1.parquet", oldest)]);

        Assert.Equal(["a", "b", "c", "d", "f", "e"], Names(result));
        Assert.Equal([1, 1, 2, 1, 2, 2], result.Columns.Select(c => c.MissingIn));
    }

    [Fact]
    public void Of_SharedSchemaInstances_CountMissingObjectsNotSchemas()
    {
        var withX = Of(Required("id", Int64Type.Default), Required("x", Int32Type.Default));
        var withY = Of(Required("id", Int64Type.Default), Required("y", Int32Type.Default));

        var result = SchemaUnion.Of("t", [
            new("t/5.parquet", withX), new("t/4.parquet", withY), new("t/3.parquet", withX),
            new("t/2.parquet", withY), new("t/1.parquet", withX),
        ]);

        Assert.Equal(["id", "x", "y"], Names(result));
        Assert.Equal([0, 2, 3], result.Columns.Select(c => c.MissingIn));
        Assert.Equal([false, true, true], result.Schema!.FieldsList.Select(f => f.IsNullable));
    }

    [Fact]
    public void Of_WidenedColumn_ListsTheOtherTypesNewestFirstOnce()
    {
        var result = SchemaUnion.Of("t", [
            new("t/5.parquet", Of(Required("v", Int64Type.Default))),
            new("t/4.parquet", Of(Required("v", Int32Type.Default))),
            new("t/3.parquet", Of(Required("v", Int16Type.Default))),
            new("t/2.parquet", Of(Required("v", Int32Type.Default))),
            new("t/1.parquet", Of(Required("v", Int64Type.Default))),
        ]);

        Assert.Equal("int64", ArrowTypeText.Of(result.Schema!.FieldsList[0].DataType));
        Assert.Equal(["int32", "int16"], result.Columns[0].WidenedFrom);
    }

    [Fact]
    public void Of_NewestTypeNarrowerThanAnOlderOne_WidensAndListsTheNewest()
    {
        var result = SchemaUnion.Of("t", [
            new("t/2.parquet", Of(Required("at", new TimestampType(TimeUnit.Microsecond, "UTC")))),
            new("t/1.parquet", Of(Required("at", new TimestampType(TimeUnit.Nanosecond, "UTC")))),
        ]);

        Assert.Equal("timestamp[ns, tz=UTC]", ArrowTypeText.Of(result.Schema!.FieldsList[0].DataType));
        Assert.Equal(["timestamp[us, tz=UTC]"], result.Columns[0].WidenedFrom);
        Assert.False(result.Schema.FieldsList[0].IsNullable);
    }

    [Fact]
    public void Of_ObjectTypeEqualToAnIntermediateUnion_IsListedOnceTheUnionWidensPastIt()
    {
        // uint8 with int8 is int16, which the third object has; the fourth widens the union past it to int32.
        var result = SchemaUnion.Of("t", [
            new("t/4.parquet", Of(Required("v", UInt8Type.Default))),
            new("t/3.parquet", Of(Required("v", Int8Type.Default))),
            new("t/2.parquet", Of(Required("v", Int16Type.Default))),
            new("t/1.parquet", Of(Required("v", Int32Type.Default))),
        ]);

        Assert.Equal("int32", ArrowTypeText.Of(result.Schema!.FieldsList[0].DataType));
        Assert.Equal(["uint8", "int8", "int16"], result.Columns[0].WidenedFrom);
    }

    [Fact]
    public void Of_ColumnNullableInAnOlderObject_IsNullableWithTheNewestMetadata()
    {
        var newest = new Schema(
            [new Field("id", Int64Type.Default, nullable: false, [new("comment", "newest")])],
            new Dictionary<string, string> { ["writer"] = "newest" });
        var older = new Schema(
            [new Field("id", Int64Type.Default, nullable: true, [new("comment", "older")])],
            new Dictionary<string, string> { ["writer"] = "older" });

        var result = SchemaUnion.Of("t", [new("t/2.parquet", newest), new("t/1.parquet", older)]);

        var id = Assert.Single(result.Schema!.FieldsList);
        Assert.True(id.IsNullable);
        Assert.Equal("newest", id.Metadata["comment"]);
        Assert.Equal("newest", result.Schema.Metadata["writer"]);
    }

    [Fact]
    public void Of_ColumnRequiredWhereverItExists_StaysRequired()
    {
        var result = SchemaUnion.Of("t", [
            new("t/2.parquet", Of(Required("id", Int32Type.Default))),
            new("t/1.parquet", Of(Required("id", Int64Type.Default))),
        ]);

        Assert.False(result.Schema!.FieldsList[0].IsNullable);
    }

    [Fact]
    public void Of_IncompatibleTypes_NamesTheColumnBothTypesAndBothKeys()
    {
        var result = SchemaUnion.Of("metrics", [
            new("metrics/a.parquet", Of(Required("value", Int64Type.Default))),
            new("metrics/b.parquet", Of(Required("value", StringType.Default))),
        ]);

        Assert.Null(result.Schema);
        Assert.Empty(result.Columns);
        Assert.Equal(
            "table \"metrics\": column \"value\" is int64 in \"metrics/a.parquet\" but utf8 in \"metrics/b.parquet\", and no type holds both without loss",
            result.Conflict);
    }

    [Fact]
    public void Of_IncompatibleTypes_NamesTheNewestObjectThatHasTheColumn()
    {
        var result = SchemaUnion.Of("t", [
            new("t/4.parquet", Of(Required("id", Int64Type.Default))),
            new("t/3.parquet", Of(Required("id", Int64Type.Default), Required("v", Int32Type.Default))),
            new("t/2.parquet", Of(Required("id", Int64Type.Default), Required("v", Int64Type.Default))),
            new("t/1.parquet", Of(Required("id", Int64Type.Default), Required("v", BooleanType.Default))),
        ]);

        Assert.Equal(
            "table \"t\": column \"v\" is int32 in \"t/3.parquet\" but bool in \"t/1.parquet\", and no type holds both without loss",
            result.Conflict);
    }

    [Fact]
    public void Of_ConflictInSharedSchemaInstance_NamesItsNewestObject()
    {
        var conflicting = Of(Required("v", StringType.Default));

        var result = SchemaUnion.Of("t", [
            new("t/3.parquet", Of(Required("v", Int64Type.Default))),
            new("t/2.parquet", conflicting),
            new("t/1.parquet", conflicting),
        ]);

        Assert.Equal(
            "table \"t\": column \"v\" is int64 in \"t/3.parquet\" but utf8 in \"t/2.parquet\", and no type holds both without loss",
            result.Conflict);
    }

    [Fact]
    public void Of_IncompatibleFieldInsideAStruct_NamesTheNestedPath()
    {
        var newer = Of(Required("point", new StructType([new Field("x", Int64Type.Default, true), new Field("y", Int64Type.Default, true)])));
        var older = Of(Required("point", new StructType([new Field("x", StringType.Default, true)])));

        var result = SchemaUnion.Of("t", [new("t/a.parquet", newer), new("t/b.parquet", older)]);

        Assert.Equal(
            "table \"t\": column \"point.x\" is int64 in \"t/a.parquet\" but utf8 in \"t/b.parquet\", and no type holds both without loss",
            result.Conflict);
    }

    [Fact]
    public void Of_StructFieldsDifferingOnlyInCase_NameTheNestedFieldsAndTheirObjects()
    {
        var newer = Of(Required("point", new StructType([new Field("X", Int64Type.Default, true)])));
        var older = Of(Required("point", new StructType([new Field("x", Int64Type.Default, true)])));

        var result = SchemaUnion.Of("t", [new("t/a.parquet", newer), new("t/b.parquet", older)]);

        Assert.Equal(
            "table \"t\": columns \"point.X\" (in \"t/a.parquet\") and \"point.x\" (in \"t/b.parquet\") differ only in case; many destinations fold case, so they would collide",
            result.Conflict);
    }

    [Fact]
    public void Of_ColumnsDifferingOnlyInCaseAcrossObjects_IsAConflictNamingBoth()
    {
        var result = SchemaUnion.Of("t", [
            new("t/a.parquet", Of(Required("Name", StringType.Default))),
            new("t/b.parquet", Of(Required("name", StringType.Default))),
        ]);

        Assert.Null(result.Schema);
        Assert.Equal(
            "table \"t\": columns \"Name\" (in \"t/a.parquet\") and \"name\" (in \"t/b.parquet\") differ only in case; many destinations fold case, so they would collide",
            result.Conflict);
    }

    [Fact]
    public void Of_ColumnsDifferingOnlyInCaseInOneObject_IsAConflict()
    {
        var result = SchemaUnion.Of("t", [new("t/a.parquet", Of(Required("Name", StringType.Default), Required("name", StringType.Default)))]);

        Assert.Null(result.Schema);
        Assert.Equal(
            "table \"t\": columns \"Name\" (in \"t/a.parquet\") and \"name\" (in \"t/a.parquet\") differ only in case; many destinations fold case, so they would collide",
            result.Conflict);
    }

    [Fact]
    public void Of_ColumnTwiceInOneObject_IsAConflict()
    {
        var result = SchemaUnion.Of("t", [
            new("t/b.parquet", Of(Required("id", Int64Type.Default))),
            new("t/a.parquet", Of(Required("id", Int64Type.Default), Required("id", Int32Type.Default))),
        ]);

        Assert.Equal(
            "table \"t\": column \"id\" appears twice in \"t/a.parquet\"; columns are matched by name, so each name must be unique",
            result.Conflict);
    }

    [Fact]
    public void Of_NoObjects_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SchemaUnion.Of("t", []));
    }

    private static Schema Of(params Field[] fields) => new(fields, null);

    private static Field Required(string name, IArrowType type) => new(name, type, nullable: false);

    private static List<string> Names(SchemaUnionResult result) => [.. result.Schema!.FieldsList.Select(f => f.Name)];

    /// <summary>Records compare lists by reference; evolution entries are equal when their values are.</summary>
    private sealed class EvolutionComparer : IEqualityComparer<ColumnEvolution>
    {
        public static readonly EvolutionComparer Instance = new();

        public bool Equals(ColumnEvolution? x, ColumnEvolution? y) =>
            x is not null && y is not null && x.Name == y.Name && x.MissingIn == y.MissingIn && x.WidenedFrom.SequenceEqual(y.WidenedFrom);

        public int GetHashCode(ColumnEvolution obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
