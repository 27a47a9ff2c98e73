using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class ObjectExtensionTests
{
    [Theory]
    [InlineData("a/x.parquet", ObjectFormats.Parquet, ObjectCompression.None, 8, false)]
    [InlineData("a/x.PARQUET", ObjectFormats.Parquet, ObjectCompression.None, 8, false)]
    [InlineData("x.csv", ObjectFormats.Csv, ObjectCompression.None, 4, false)]
    [InlineData("x.tsv", ObjectFormats.Csv, ObjectCompression.None, 4, true)]
    [InlineData("a/x.csv.gz", ObjectFormats.Csv, ObjectCompression.Gzip, 7, false)]
    [InlineData("a/x.TSV.ZST", ObjectFormats.Csv, ObjectCompression.Zstd, 8, true)]
    [InlineData("a/x.jsonl", ObjectFormats.JsonLines, ObjectCompression.None, 6, false)]
    [InlineData("a/x.ndjson.zst", ObjectFormats.JsonLines, ObjectCompression.Zstd, 11, false)]
    [InlineData("a/x.json.gz", ObjectFormats.JsonLines, ObjectCompression.Gzip, 8, false)]
    [InlineData("a/x.tar.csv", ObjectFormats.Csv, ObjectCompression.None, 4, false)]
    public void TryOf_KnownExtension_GivesFormatCompressionAndLength(string key, ObjectFormats format, ObjectCompression compression, int length, bool tab)
    {
        Assert.True(ObjectExtension.TryOf(key, out var extension));
        Assert.Equal(new ObjectExtension(format, compression, length, tab), extension);
    }

    [Theory]
    [InlineData("a/x.parquet.gz")]
    [InlineData("a/x.gz")]
    [InlineData("a/.csv")]
    [InlineData("a/.csv.gz")]
    [InlineData(".jsonl")]
    [InlineData("a/x.xlsx")]
    [InlineData("a/csv/")]
    [InlineData("a/x.csv.bz2")]
    [InlineData("a.csv/x")]
    public void TryOf_NoUsableExtension_ReturnsFalse(string key) => Assert.False(ObjectExtension.TryOf(key, out _));

    [Theory]
    [InlineData("events.csv.gz", "events")]
    [InlineData("My Export.TSV.ZST", "My_Export")]
    [InlineData("logs.ndjson", "logs")]
    [InlineData("logs/2024/a.jsonl.gz", "logs_2024")]
    public void FromKey_TextKeyUnderAuto_DropsTheWholeExtension(string key, string table) =>
        Assert.Equal(table, TableNames.FromKey(key, new KeyLayout { Formats = ObjectFormats.All }));

    [Theory]
    [InlineData("a/x.parquet", ObjectFormats.Parquet, true)]
    [InlineData("a/x.csv", ObjectFormats.Parquet, false)]
    [InlineData("a/x.csv", ObjectFormats.Csv, true)]
    [InlineData("a/x.jsonl", ObjectFormats.Csv, false)]
    [InlineData("a/x.jsonl.zst", ObjectFormats.JsonLines, true)]
    [InlineData("a/x.parquet", ObjectFormats.All, true)]
    public void IsCandidate_Formats_AcceptsOnlyTheirExtensions(string key, ObjectFormats formats, bool expected) =>
        Assert.Equal(expected, TableNames.IsCandidate(key, formats));

    [Fact]
    public void Group_FiletypeAuto_CsvAndParquetAtTheRootWithOneNameCollide()
    {
        var grouping = TableNameResolver.Group(["x.csv", "x.parquet", "y.json"], new KeyLayout { Formats = ObjectFormats.All });

        Assert.Equal(["y"], grouping.Tables.Keys);
        Assert.Equal("x", Assert.Single(grouping.Collisions).TableName);
    }

    [Fact]
    public void Describe_Formats_ListsTheirExtensions()
    {
        Assert.Equal(".parquet", ObjectExtension.Describe(ObjectFormats.Parquet));
        Assert.Equal(".csv or .tsv (text formats optionally .gz or .zst)", ObjectExtension.Describe(ObjectFormats.Csv));
        Assert.Equal(".parquet, .csv, .tsv, .jsonl, .ndjson or .json (text formats optionally .gz or .zst)", ObjectExtension.Describe(ObjectFormats.All));
    }
}
