using Apache.Arrow;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class AppendedColumnArraysTests
{
    private static readonly StoredObject Object = new("data/region=eu/a.parquet", 10, DateTimeOffset.UnixEpoch, "e", null);

    private static readonly AppendedColumn[] Columns =
    [
        AppendedColumn.Partition("region", 0, HiveValueType.Utf8),
        AppendedColumn.Lineage(LineageColumn.Row),
    ];

    [Fact]
    public void Build_LongerShorterLonger_BuiltOnceAtEachNewMaximumAndSlicedBetween()
    {
        using var arrays = new AppendedColumnArrays(Columns, new ObjectColumnValues(Object, ["eu"]));

        using var first = (StringArray)arrays.Build(0, 4, 0);
        using var shorter = (StringArray)arrays.Build(0, 2, 4);
        using var same = (StringArray)arrays.Build(0, 4, 6);
        using var longer = (StringArray)arrays.Build(0, 6, 10);
        using var again = (StringArray)arrays.Build(0, 6, 16);

        Assert.Equal((4, 2, 4, 6, 6), (first.Length, shorter.Length, same.Length, longer.Length, again.Length));
        Assert.True(ValueBytes(first) == ValueBytes(shorter));
        Assert.True(ValueBytes(first) == ValueBytes(same));
        Assert.False(ValueBytes(first).Overlaps(ValueBytes(longer)));
        Assert.True(ValueBytes(longer) == ValueBytes(again));
        foreach (var array in new[] { first, shorter, same, longer, again })
        {
            Assert.All(Enumerable.Range(0, array.Length), row => Assert.Equal("eu", array.GetString(row)));
        }
    }

    [Fact]
    public void Build_RowColumn_CountsFromTheFirstRowEveryBatch()
    {
        using var arrays = new AppendedColumnArrays(Columns, new ObjectColumnValues(Object, ["eu"]));

        using var first = (Int64Array)arrays.Build(1, 3, 0);
        using var second = (Int64Array)arrays.Build(1, 2, 3);
        using var third = (Int64Array)arrays.Build(1, 4, 5);

        Assert.Equal([0L, 1, 2], first.Values.ToArray());
        Assert.Equal([3L, 4], second.Values.ToArray());
        Assert.Equal([5L, 6, 7, 8], third.Values.ToArray());
        Assert.Equal(0, third.NullCount);
    }

    [Fact]
    public void Build_NullPartitionValue_EveryRowNullAtEveryLength()
    {
        using var arrays = new AppendedColumnArrays(Columns, new ObjectColumnValues(Object, [null]));

        using var first = (StringArray)arrays.Build(0, 5, 0);
        using var shorter = (StringArray)arrays.Build(0, 3, 5);

        Assert.Equal((5, 3), (first.NullCount, shorter.NullCount));
        Assert.All(Enumerable.Range(0, 3), row => Assert.True(shorter.IsNull(row)));
    }

    [Fact]
    public void Dispose_ArraysHandedOutStayReadable()
    {
        var arrays = new AppendedColumnArrays(Columns, new ObjectColumnValues(Object, ["eu"]));
        using var first = (StringArray)arrays.Build(0, 3, 0);
        var second = (StringArray)arrays.Build(0, 3, 3);

        arrays.Dispose();
        second.Dispose();

        Assert.Equal(["eu", "eu", "eu"], Enumerable.Range(0, 3).Select(row => first.GetString(row)));
        Assert.Throws<ObjectDisposedException>(() => arrays.Build(0, 1, 6));
    }

    [Fact]
    public void Constructor_PartitionValueOfAnotherType_ThrowsNamingTheColumn()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AppendedColumnArrays(Columns, new ObjectColumnValues(Object, [5])));

        Assert.Contains("partition column \"region\"", ex.Message, StringComparison.Ordinal);
    }

    // The utf8 data buffer: the one a rebuilt array would not share.
    private static ReadOnlySpan<byte> ValueBytes(StringArray array) => array.Data.Buffers[2].Span;
}
