using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Tests.Discovery;

public sealed class SchemaDifferenceTests
{
    private static readonly Schema Reference = Of(
        new Field("id", Int64Type.Default, nullable: false),
        new Field("name", StringType.Default, nullable: true),
        new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: true));

    [Fact]
    public void Describe_SameColumns_IsEmpty()
    {
        var same = Of(
            new Field("id", Int64Type.Default, nullable: false),
            new Field("name", StringType.Default, nullable: true),
            new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: true));

        Assert.Empty(SchemaDifference.Describe(Reference, same));
    }

    [Fact]
    public void Describe_OnlyNullabilityAndMetadataDiffer_IsEmpty()
    {
        var other = new Schema(
            [
                new Field("id", Int64Type.Default, nullable: true, [new("comment", "the key")]),
                new Field("name", StringType.Default, nullable: false),
                new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: false),
            ],
            new Dictionary<string, string> { ["writer"] = "someone else" });

        Assert.Empty(SchemaDifference.Describe(Reference, other));
    }

    [Fact]
    public void Describe_MissingExtraAndRetypedColumns_ListsEachWithItsTypes()
    {
        var other = Of(
            new Field("id", Int32Type.Default, nullable: false),
            new Field("at", new TimestampType(TimeUnit.Nanosecond, (string?)null), nullable: true),
            new Field("score", new Decimal128Type(18, 4), nullable: true));

        var differences = SchemaDifference.Describe(Reference, other);

        Assert.Equal(
            [
                "column \"name\" (utf8) is missing",
                "column \"score\" (decimal(18, 4)) is extra",
                "column \"id\" is int64 vs int32",
                "column \"at\" is timestamp[us, tz=UTC] vs timestamp[ns]",
            ],
            differences);
    }

    [Fact]
    public void Describe_SameColumnsInAnotherOrder_NamesBothOrders()
    {
        var other = Of(
            new Field("name", StringType.Default, nullable: true),
            new Field("id", Int64Type.Default, nullable: false),
            new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: true));

        var difference = Assert.Single(SchemaDifference.Describe(Reference, other));

        Assert.Equal("columns are in a different order (id, name, at vs name, id, at)", difference);
    }

    [Fact]
    public void Describe_NestedTypesDiffer_ShowsTheFullTypes()
    {
        var reference = Of(new Field("tags", new ListType(new Field("item", Int64Type.Default, true)), nullable: true));
        var other = Of(new Field("tags", new ListType(new Field("item", StringType.Default, true)), nullable: true));

        var difference = Assert.Single(SchemaDifference.Describe(reference, other));

        Assert.Equal("column \"tags\" is list<item: int64, nullable> vs list<item: utf8, nullable>", difference);
    }

    [Fact]
    public void MergeNullability_AColumnNullableInAnyFile_IsNullable()
    {
        var requiredName = Of(
            new Field("id", Int64Type.Default, nullable: false),
            new Field("name", StringType.Default, nullable: false),
            new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: false));
        var nullableId = Of(
            new Field("id", Int64Type.Default, nullable: true),
            new Field("name", StringType.Default, nullable: false),
            new Field("at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: false));

        var merged = SchemaDifference.MergeNullability(Reference, [requiredName, nullableId]);

        Assert.Equal([true, true, true], merged.FieldsList.Select(f => f.IsNullable));
        Assert.Equal(["id", "name", "at"], merged.FieldsList.Select(f => f.Name));
        Assert.Same(Reference.FieldsList[1], merged.FieldsList[1]);
    }

    [Fact]
    public void MergeNullability_AllFilesRequireAColumn_KeepsItRequiredWithItsMetadata()
    {
        var reference = new Schema(
            [new Field("id", Int64Type.Default, nullable: false, [new("comment", "the key")])],
            new Dictionary<string, string> { ["origin"] = "first file" });

        var merged = SchemaDifference.MergeNullability(reference, [Of(new Field("id", Int64Type.Default, nullable: false))]);

        Assert.False(merged.FieldsList[0].IsNullable);
        Assert.Equal("the key", merged.FieldsList[0].Metadata["comment"]);
        Assert.Equal("first file", merged.Metadata["origin"]);
    }

    [Fact]
    public void MergeNullability_RequiredColumnNullableElsewhere_KeepsItsMetadata()
    {
        var reference = Of(new Field("id", Int64Type.Default, nullable: false, [new("comment", "the key")]));

        var merged = SchemaDifference.MergeNullability(reference, [Of(new Field("id", Int64Type.Default, nullable: true))]);

        Assert.True(merged.FieldsList[0].IsNullable);
        Assert.Equal("the key", merged.FieldsList[0].Metadata["comment"]);
    }

    private static Schema Of(params Field[] fields) => new(fields, null);
}
