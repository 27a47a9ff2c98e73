using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class TableNamesTests
{
    // Expected hashes were computed outside .NET: printf '%s' "<text>" | sha256sum | cut -c1-8
    [Theory]
    [InlineData("orders.parquet", "orders")]
    [InlineData("My File.v2.PARQUET", "My_File_v2")]
    [InlineData("sales/2024/orders/part-0001.parquet", "sales_2024_orders")]
    [InlineData("Data.Parquet", "Data")]
    [InlineData("archive.tar.parquet", "archive_tar")]
    [InlineData("x..parquet", "x")]
    [InlineData("_x.parquet", "x")]
    [InlineData("2024-01-14.parquet", "2024_01_14")]
    [InlineData("a/x.parquet", "a")]
    [InlineData("data-set/x.parquet", "data_set")]
    [InlineData("my folder/file.parquet", "my_folder")]
    [InlineData("tab\tname/x.parquet", "tab_name")]
    [InlineData("a.b.c/x.parquet", "a_b_c")]
    [InlineData("my_table/x.parquet", "my_table")]
    [InlineData("__a__b__/x.parquet", "a_b")]
    [InlineData("a//b/x.parquet", "a_b")]
    [InlineData("/a/b/x.parquet", "a_b")]
    [InlineData("a/b/c/d/e/f/g/h/x.parquet", "a_b_c_d_e_f_g_h")]
    [InlineData("Sales/x.parquet", "Sales")]
    [InlineData("2024/x.parquet", "2024")]
    [InlineData("x/.hidden.parquet", "x")]
    [InlineData("a/b.parquet/c.parquet", "a_b_parquet")]
    [InlineData("café/x.parquet", "caf")]
    [InlineData("données/x.parquet", "donn_es")]
    [InlineData("📦data/x.parquet", "data")]
    [InlineData("a📦b/x.parquet", "a_b")]
    [InlineData("日本/x.parquet", "table_99e3c23b")]
    [InlineData("---/x.parquet", "table_94c46714")]
    [InlineData("---.parquet", "table_1545341e")]
    [InlineData("/x.parquet", "table_8a5edab2")]
    [InlineData(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_one.parquet",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_d8ed041d")]
    [InlineData(
        "abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/abcdefghij/x.parquet",
        "abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_194a9434")]
    public void FromKey_CandidateKey_ReturnsDocumentedName(string key, string expected)
    {
        var name = TableNames.FromKey(key);

        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("a.parquet")]
    [InlineData("A.PARQUET")]
    [InlineData("dir/x.Parquet")]
    [InlineData("dir/.x.parquet")]
    [InlineData("x..parquet")]
    [InlineData("/x.parquet")]
    public void IsCandidate_ParquetFileName_ReturnsTrue(string key)
    {
        Assert.True(TableNames.IsCandidate(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".parquet")]
    [InlineData(".PARQUET")]
    [InlineData("dir/.parquet")]
    [InlineData("dir/")]
    [InlineData("x.parquet/")]
    [InlineData("x.csv")]
    [InlineData("x.parquet.crc")]
    [InlineData("xparquet")]
    [InlineData("x.parq")]
    [InlineData("parquet")]
    public void IsCandidate_OtherKey_ReturnsFalse(string key)
    {
        Assert.False(TableNames.IsCandidate(key));
    }

    [Fact]
    public void IsCandidate_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TableNames.IsCandidate(null!));
    }

    [Theory]
    [InlineData("x.csv")]
    [InlineData("dir/")]
    [InlineData(".parquet")]
    public void FromKey_NonCandidate_ThrowsNamingTheKey(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => TableNames.FromKey(key));

        Assert.Contains($"\"{key}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders.parquet", "orders.parquet")]
    [InlineData("a-b/c/x.parquet", "a-b/c/")]
    [InlineData("a//b/x.parquet", "a//b/")]
    [InlineData("/x.parquet", "/")]
    [InlineData("sales/2024/orders/part-0001.parquet", "sales/2024/orders/")]
    public void SourcePrefix_CandidateKey_ReturnsDirectoryOrRootKey(string key, string expected)
    {
        Assert.Equal(expected, TableNames.SourcePrefix(key));
    }

    [Fact]
    public void SourcePrefix_NonCandidate_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableNames.SourcePrefix("notes.txt"));
    }

    [Fact]
    public void FromKey_FilesUnderSameDirectory_ReturnSameName()
    {
        var first = TableNames.FromKey("events/2024/part-0001.parquet");
        var second = TableNames.FromKey("events/2024/part-0002.PARQUET");
        var third = TableNames.FromKey("events/2024/other name.parquet");

        Assert.Equal("events_2024", first);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public void FromKey_PathPrefixInKey_IsNotStripped()
    {
        Assert.Equal("landing_zone_orders", TableNames.FromKey("landing/zone/orders/x.parquet"));
    }

    // Moved out of FromKey_CandidateKey_ReturnsDocumentedName: with Hive partitioning on by default, a
    // root-level "dt=..." folder is a partition, so today's name needs Hive partitioning disabled.
    [Fact]
    public void FromKey_RootPartitionFolderWithHiveDisabled_IsNamedByFolder()
    {
        var layout = new KeyLayout { Hive = HivePartitioning.Disabled };

        Assert.Equal("dt_2024_01_14", TableNames.FromKey("dt=2024-01-14/x.parquet", layout));
    }

    [Fact]
    public void FromKey_RootPartitionFolderByDefault_GetsEmptySourceFallback()
    {
        // printf '' | sha256sum | cut -c1-8
        Assert.Equal("table_e3b0c442", TableNames.FromKey("dt=2024-01-14/x.parquet"));
        Assert.Equal("table_e3b0c442", TableNames.FromKey("dt=2024-01-15/y.parquet"));
    }

    [Theory]
    [InlineData("sales/year=2023/month=1/data_0.parquet", "sales")]
    [InlineData("events/dt=2024-01-01/part-0.parquet", "events")]
    [InlineData("lake/raw/sales/year=2023/x.parquet", "lake_raw_sales")]
    [InlineData("t/a=1/extra/b=2/x.parquet", "t")]
    [InlineData("sales/2024/x.parquet", "sales_2024")]
    [InlineData("sales/x=1.parquet", "sales")]
    public void FromKey_PartitionedKeyByDefault_IsNamedByFoldersBeforePartitions(string key, string expected)
    {
        Assert.Equal(expected, TableNames.FromKey(key));
        Assert.Equal(expected, TableNames.FromKey(key, new KeyLayout { Hive = HivePartitioning.Enabled }));
    }

    [Theory]
    [InlineData("sales/year=2023/month=1/data_0.parquet", "sales_year_2023_month_1")]
    [InlineData("events/dt=2024-01-01/part-0.parquet", "events_dt_2024_01_01")]
    public void FromKey_PartitionedKeyWithHiveDisabled_IsNamedByWholeDirectory(string key, string expected)
    {
        Assert.Equal(expected, TableNames.FromKey(key, new KeyLayout { Hive = HivePartitioning.Disabled }));
    }

    [Fact]
    public void FromKey_FirstMatchingRule_NamesTableVerbatim()
    {
        var layout = new KeyLayout
        {
            Rules =
            [
                new TableRule(KeyGlob.Parse("logs/app-*/**"), "App_Logs"),
                new TableRule(KeyGlob.Parse("logs/**"), "other_logs"),
            ],
        };

        Assert.Equal("App_Logs", TableNames.FromKey("logs/app-1/dt=2024/x.parquet", layout));
        Assert.Equal("other_logs", TableNames.FromKey("logs/db/x.parquet", layout));
        Assert.Equal("sales", TableNames.FromKey("sales/year=2023/x.parquet", layout));
    }

    [Fact]
    public void FromKey_NullLayout_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TableNames.FromKey("x.parquet", null!));
    }

    [Fact]
    public void SourcePrefix_PartitionedKey_EndsBeforeFirstPartitionFolder()
    {
        Assert.Equal("sales/", TableNames.SourcePrefix("sales/year=2023/month=1/data_0.parquet"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Sales_2024")]
    [InlineData("_x")]
    [InlineData("2024")]
    [InlineData("a__b_")]
    public void IsValidName_IdentifierOfAllowedChars_ReturnsTrue(string name)
    {
        Assert.True(TableNames.IsValidName(name));
    }

    [Fact]
    public void IsValidName_MaxLength_ReturnsTrue()
    {
        Assert.True(TableNames.IsValidName(new string('n', TableNames.MaxLength)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("a/b")]
    [InlineData("café")]
    [InlineData("日本")]
    public void IsValidName_OtherText_ReturnsFalse(string name)
    {
        Assert.False(TableNames.IsValidName(name));
    }

    [Fact]
    public void IsValidName_OverMaxLength_ReturnsFalse()
    {
        Assert.False(TableNames.IsValidName(new string('n', TableNames.MaxLength + 1)));
    }

    [Fact]
    public void IsValidName_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TableNames.IsValidName(null!));
    }
}
