using System.Text.Json.Nodes;
using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Tests.Spec;

public class SpecSchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(SpecSchema.Json)!.AsObject();

    [Fact]
    public void Json_Root_IsDraft202012ObjectWithoutExtraProperties()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)Schema["$schema"]);
        Assert.Equal("object", (string?)Schema["type"]);
        Assert.False((bool)Schema["additionalProperties"]!);
    }

    [Fact]
    public void Json_Properties_AreExactlyTheSpecFieldsWithDescriptions()
    {
        var properties = Schema["properties"]!.AsObject();

        Assert.Equal(SpecReader.Properties.Select(p => p.Name), properties.Select(p => p.Key));
        Assert.All(properties, p => Assert.False(string.IsNullOrWhiteSpace((string?)p.Value!["description"]), p.Key));
    }

    [Fact]
    public void Json_Defaults_MatchTheSpecRecord()
    {
        var properties = Schema["properties"]!.AsObject();

        Assert.Equal(2000, (int)properties["rows_per_record"]!["default"]!);
        Assert.Equal(50, (int)properties["concurrency"]!["default"]!);
        Assert.Equal("parquet", (string?)properties["filetype"]!["default"]);
        Assert.Equal("", (string?)properties["path_prefix"]!["default"]);
        Assert.False((bool)properties["use_path_style"]!["default"]!);
        Assert.Null(properties["bucket"]!["default"]);
    }

    [Fact]
    public void Json_Rules_MirrorTheReader()
    {
        var properties = Schema["properties"]!.AsObject();

        Assert.Equal(1, (int)properties["rows_per_record"]!["minimum"]!);
        Assert.Equal(-1, (int)properties["concurrency"]!["anyOf"]![1]!["const"]!);
        Assert.Equal("parquet", (string?)properties["filetype"]!["enum"]![0]);
        Assert.Equal(1, (int)properties["bucket"]!["minLength"]!);
        Assert.Equal(2, Schema["oneOf"]!.AsArray().Count);
    }

    [Fact]
    public void Json_DataLakeDefaults_AreEmptyListsAndMaps()
    {
        var properties = Schema["properties"]!.AsObject();

        Assert.Equal("[]", properties["include"]!["default"]!.ToJsonString());
        Assert.Equal("{}", properties["hive_types"]!["default"]!.ToJsonString());
        Assert.Equal("[]", properties["table_rules"]!["default"]!.ToJsonString());
        Assert.Equal("auto", (string?)properties["hive_partitioning"]!["default"]);
        Assert.True((bool)properties["ignore_hidden"]!["default"]!);
    }

    [Fact]
    public void Json_ListOfGlobs_IsAnArrayOfNonEmptyStrings()
    {
        var include = Schema["properties"]!["include"]!;

        Assert.Equal("array", (string?)include["type"]);
        Assert.Equal("string", (string?)include["items"]!["type"]);
        Assert.Equal(1, (int)include["items"]!["minLength"]!);
    }

    [Fact]
    public void Json_LineageColumns_AreDistinctAllowedValues()
    {
        var lineage = Schema["properties"]!["lineage_columns"]!;

        Assert.True((bool)lineage["uniqueItems"]!);
        Assert.Equal(["key", "last_modified", "etag", "version_id", "row"], lineage["items"]!["enum"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void Json_HiveTypes_IsAMapWithNamedKeysAndAllowedValues()
    {
        var hiveTypes = Schema["properties"]!["hive_types"]!;

        Assert.Equal("object", (string?)hiveTypes["type"]);
        Assert.Equal("^(?:[A-Za-z_][A-Za-z0-9_]*)$", (string?)hiveTypes["propertyNames"]!["pattern"]);
        Assert.Contains("timestamp", hiveTypes["additionalProperties"]!["enum"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void Json_TableRules_AreClosedObjectsWithRequiredFieldsAndANamePattern()
    {
        var rule = Schema["properties"]!["table_rules"]!["items"]!;

        Assert.Equal("object", (string?)rule["type"]);
        Assert.False((bool)rule["additionalProperties"]!);
        Assert.Equal(["match", "name"], rule["required"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["match", "name"], rule["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("^(?:[A-Za-z0-9_]+)$", (string?)rule["properties"]!["name"]!["pattern"]);
        Assert.Equal(63, (int)rule["properties"]!["name"]!["maxLength"]!);
    }

    [Fact]
    public void Json_HivePartitioning_TakesTheWordsOrABoolean()
    {
        var anyOf = Schema["properties"]!["hive_partitioning"]!["anyOf"]!.AsArray();

        Assert.Equal(["auto", "true", "false"], anyOf[0]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("boolean", (string?)anyOf[1]!["type"]);
    }
}
