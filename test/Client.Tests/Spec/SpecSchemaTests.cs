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
}
