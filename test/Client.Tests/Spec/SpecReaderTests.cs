using System.Text;
using CqSourceS3.Client.Spec;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Spec;

public class SpecReaderTests
{
    public static TheoryData<string> ValidCases => SpecCases.Names(valid: true);

    public static TheoryData<string> InvalidCases => SpecCases.Names(valid: false);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Read_ValidCase_Accepts(string name)
    {
        var spec = SpecReader.Read(Encoding.UTF8.GetBytes(SpecCases.Get(name).SpecJson));

        Assert.NotNull(spec);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Read_InvalidCase_NamesEveryFieldOnce(string name)
    {
        var specCase = SpecCases.Get(name);

        var error = Assert.Throws<SpecException>(() => SpecReader.Read(Encoding.UTF8.GetBytes(specCase.SpecJson)));

        Assert.Equal(specCase.ErrorFields, error.Errors.Select(e => e.Field));
        Assert.StartsWith("invalid spec", error.Message, StringComparison.Ordinal);
        foreach (var field in specCase.ErrorFields.Where(f => f.Length > 0))
        {
            Assert.Contains(field + ":", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("  \n")]
    public void Read_EmptyOrNull_IsAnEmptySpecMissingTheBucket(string json)
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Read(Encoding.UTF8.GetBytes(json)));

        var only = Assert.Single(error.Errors);
        Assert.Equal("bucket", only.Field);
        Assert.Contains("local_path", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BucketOnly_AppliesDefaults()
    {
        var spec = SpecReader.Read("""{"bucket":"b"}"""u8);

        Assert.Equal(new SourceSpec { Bucket = "b" }, spec);
        Assert.Equal(2000, spec.RowsPerRecord);
        Assert.Equal(50, spec.Concurrency);
        Assert.Equal("parquet", spec.Filetype);
        Assert.Equal("", spec.PathPrefix);
        Assert.False(spec.UsePathStyle);
        Assert.False(spec.NoSignRequest);
    }

    [Fact]
    public void Read_EveryOption_MapsSnakeCaseNames()
    {
        var spec = SpecReader.Read(Encoding.UTF8.GetBytes(SpecCases.Get("every option").SpecJson));

        Assert.Equal(new SourceSpec
        {
            Bucket = "b",
            Region = "eu-west-1",
            PathPrefix = "data/",
            Filetype = "parquet",
            RowsPerRecord = 1000,
            Concurrency = 8,
            LocalProfile = "dev",
            Endpoint = "http://127.0.0.1:9000",
            UsePathStyle = true,
            NoSignRequest = false,
        }, spec);
    }

    [Fact]
    public void Read_BucketOnly_AppliesDataLakeDefaults()
    {
        var spec = SpecReader.Read("""{"bucket":"b"}"""u8);

        Assert.Empty(spec.Include);
        Assert.Empty(spec.Exclude);
        Assert.True(spec.IgnoreHidden);
        Assert.Equal(HivePartitioningModes.Auto, spec.HivePartitioning);
        Assert.Empty(spec.HiveTypes);
        Assert.Empty(spec.TableRules);
        Assert.Empty(spec.LineageColumns);
    }

    [Fact]
    public void Read_EveryDataLakeOption_MapsListsMapsAndRules()
    {
        var spec = SpecReader.Read(Encoding.UTF8.GetBytes(SpecCases.Get("every data-lake option").SpecJson));

        Assert.Equal(new SourceSpec
        {
            Bucket = "b",
            PathPrefix = "lake/",
            Include = ["lake/**/*.parquet"],
            Exclude = ["lake/tmp/**"],
            IgnoreHidden = false,
            HivePartitioning = HivePartitioningModes.On,
            HiveTypes = new Dictionary<string, string> { ["day"] = HiveColumnTypes.Date32, ["year"] = HiveColumnTypes.Int32 },
            TableRules = [new TableRuleSpec("lake/old_sales/**", "sales")],
            LineageColumns = [LineageColumnNames.Key, LineageColumnNames.Row],
        }, spec);
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"auto\"", "auto")]
    public void Read_HivePartitioningBooleanOrWord_IsReadAsTheWord(string json, string expected)
    {
        var spec = SpecReader.Read(Encoding.UTF8.GetBytes($$"""{"bucket":"b","hive_partitioning":{{json}}}"""));

        Assert.Equal(expected, spec.HivePartitioning);
    }

    [Theory]
    [InlineData("""{"hive_partitioning":"yes"}""", "hive_partitioning", "\"yes\" is not supported; allowed values: \"auto\", \"true\", \"false\"")]
    [InlineData("""{"hive_partitioning":1}""", "hive_partitioning", "must be a string, true or false, got the number 1")]
    [InlineData("""{"hive_types":{"year":"integer"}}""", "hive_types.year", "\"integer\" is not supported; allowed values: \"utf8\", \"int32\", \"int64\", \"float64\", \"bool\", \"date32\", \"timestamp\"")]
    [InlineData("""{"hive_types":{"1year":"int32"}}""", "hive_types.1year", "\"1year\" is not a valid column name: use a letter or _, then letters, digits or _ (A–Z, a–z, 0–9)")]
    [InlineData("""{"hive_types":{"year":null}}""", "hive_types.year", "must not be null: give a string")]
    [InlineData("""{"hive_types":["year"]}""", "hive_types", "must be an object mapping names to strings, got a list")]
    [InlineData("""{"include":"sales/**"}""", "include", "must be a list of strings, got the string \"sales/**\"")]
    [InlineData("""{"include":["a/**",""]}""", "include[1]", "must not be empty")]
    [InlineData("""{"exclude":[3]}""", "exclude[0]", "must be a string, got the number 3")]
    [InlineData("""{"table_rules":[{"match":"a/**","name":"a"},{"match":"b/**","name":"b","nme":"c"}]}""", "table_rules[1].nme", "unknown field; allowed fields are match, name")]
    [InlineData("""{"table_rules":[{"match":"a/**"}]}""", "table_rules[0].name", "required but missing: give a string")]
    [InlineData("""{"table_rules":[{"match":"a/**","name":null}]}""", "table_rules[0].name", "must not be null: give a string")]
    [InlineData("""{"table_rules":["a/**"]}""", "table_rules[0]", "must be an object with the fields match, name, got the string \"a/**\"")]
    [InlineData("""{"table_rules":[{"match":"a/**","name":"my-table"}]}""", "table_rules[0].name", "\"my-table\" is not a valid table name: use 1–63 characters, each A–Z, a–z, 0–9 or _ (in {\"match\":\"a/**\",\"name\":\"my-table\"})")]
    [InlineData("""{"table_rules":[{"match":"","name":"t"}]}""", "table_rules[0].match", "must not be empty (in {\"match\":\"\",\"name\":\"t\"})")]
    [InlineData("""{"lineage_columns":["key","row","key"]}""", "lineage_columns[2]", "\"key\" is already lineage_columns[0]; give each value once")]
    [InlineData("""{"lineage_columns":["size"]}""", "lineage_columns[0]", "\"size\" is not supported; allowed values: \"key\", \"last_modified\", \"etag\", \"version_id\", \"row\"")]
    [InlineData("""{"ignore_hidden":"no"}""", "ignore_hidden", "must be true or false, got the string \"no\"")]
    public void Read_BadDataLakeValue_NamesItsPathAndWhatIsAllowed(string fields, string path, string message)
    {
        var json = "{\"bucket\":\"b\"," + fields[1..];

        var error = Assert.Throws<SpecException>(() => SpecReader.Read(Encoding.UTF8.GetBytes(json)));

        var only = Assert.Single(error.Errors);
        Assert.Equal((path, message), (only.Field, only.Message));
    }

    [Fact]
    public void Read_TableRuleNameEndingInNewline_IsRejected()
    {
        // A .NET "$" would let the newline through; the name rule anchors with \z.
        var error = Assert.Throws<SpecException>(() => SpecReader.Read("""{"bucket":"b","table_rules":[{"match":"a/**","name":"orders\n"}]}"""u8));

        Assert.Equal("table_rules[0].name", Assert.Single(error.Errors).Field);
    }

    [Theory]
    [InlineData("include", """["logs/[ab"]""", "include[0]")]
    [InlineData("exclude", """["a/**","{x,y"]""", "exclude[1]")]
    [InlineData("table_rules", """[{"match":"a/}","name":"t"}]""", "table_rules[0].match")]
    public void Read_InvalidGlob_NamesTheGlobAndWhy(string field, string value, string path)
    {
        // Init-only: the JSON schema cannot express glob syntax, so these are not in the shared cases.
        var error = Assert.Throws<SpecException>(() => SpecReader.Read(Encoding.UTF8.GetBytes($$"""{"bucket":"b","{{field}}":{{value}}}""")));

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.Field);
        Assert.Contains("is not a valid glob: ", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IntegerAsGoFloatText_Accepts()
    {
        // The CLI round-trips specs through Go's float64 during sync; whole numbers still print as integers.
        var spec = SpecReader.Read("""{"bucket":"b","rows_per_record":1000,"concurrency":-1}"""u8);

        Assert.Equal(1000, spec.RowsPerRecord);
        Assert.Equal(-1, spec.Concurrency);
    }

    [Fact]
    public void Read_BadValues_MessageSaysWhatIsAllowed()
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Read("""{"bucket":"b","concurrency":0,"filetype":"xlsx","rows_per_record":"x"}"""u8));

        Assert.Contains("concurrency: 0 is out of range; must be at least 1, or -1 for unlimited", error.Message, StringComparison.Ordinal);
        Assert.Contains("filetype: \"xlsx\" is not supported; allowed values: \"parquet\", \"csv\", \"jsonl\", \"auto\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("rows_per_record: must be an integer, got the string \"x\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lookback_seconds", "99999999999", "99999999999 is out of range; must be between 0 and 31536000")]
    [InlineData("lookback_seconds", "-99999999999", "-99999999999 is out of range; must be between 0 and 31536000")]
    [InlineData("settle_seconds", "1e12", "1e12 is out of range; must be between 0 and 86400")]
    [InlineData("settle_seconds", "86401", "86401 is out of range; must be between 0 and 86400")]
    [InlineData("rows_per_record", "2147483648", "2147483648 is out of range; must be between 1 and 2147483647")]
    [InlineData("rows_per_record", "-5", "-5 is out of range; must be at least 1")]
    [InlineData("concurrency", "99999999999999999999999", "99999999999999999999999 is out of range; must be between 1 and 2147483647, or -1 for unlimited")]
    [InlineData("concurrency", "-99999999999", "-99999999999 is out of range; must be at least 1, or -1 for unlimited")]
    public void Read_IntegerOutOfRange_SaysSoWithTheAllowedRange(string field, string value, string expected)
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Read(Encoding.UTF8.GetBytes($$"""{"bucket":"b","{{field}}":{{value}}}""")));

        var only = Assert.Single(error.Errors);
        Assert.Equal((field, expected), (only.Field, only.Message));
    }

    [Theory]
    [InlineData("rows_per_record", "2.5")]
    [InlineData("lookback_seconds", "1e-3")]
    public void Read_IntegerOptionFractional_SaysItMustBeAnInteger(string field, string value)
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Read(Encoding.UTF8.GetBytes($$"""{"bucket":"b","{{field}}":{{value}}}""")));

        Assert.Equal($"must be an integer, got the number {value}", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public void Read_UnknownKey_ListsAllowedFields()
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Read("""{"bucket":"b","prefix":"x"}"""u8));

        Assert.Contains("prefix: unknown field; allowed fields are bucket, local_path, region, path_prefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotJson_SaysSo()
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Read("{bucket"u8));

        Assert.Contains("spec is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
