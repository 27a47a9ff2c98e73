using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.JsonLines;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesSchemaTests
{
    [Theory]
    [InlineData(new string[0], "_extra")]
    [InlineData(new[] { "a", "_extra_2" }, "_extra")]
    [InlineData(new[] { "_extra" }, "_extra_2")]
    [InlineData(new[] { "_extra", "_extra_2", "_extra_4" }, "_extra_3")]
    public void OverflowNameBeside_TakenNames_FirstFreeName(string[] names, string expected)
    {
        Assert.Equal(expected, JsonLinesSchema.OverflowNameBeside(names.ToHashSet()));
    }

    [Fact]
    public void FindOverflow_SchemaMadeForKeysNamedLikeIt_TheLastColumn()
    {
        var schema = JsonLinesSchema.Columns(["_extra", "a", "_extra_2"], [TextType.Json, TextType.Int64, TextType.Json]);

        Assert.Equal(["_extra", "a", "_extra_2", "_extra_3"], schema.FieldsList.Select(f => f.Name));
        Assert.Equal(3, JsonLinesSchema.FindOverflow(schema));
    }

    [Fact]
    public void FindOverflow_NoJsonColumnNamedForIt_MinusOne()
    {
        var utf8Extra = new Schema([TextTypes.ToField("a", TextType.Int64), TextTypes.ToField("_extra", TextType.Utf8)], null);
        var misnamed = new Schema([TextTypes.ToField("_extra_2", TextType.Json)], null);

        Assert.Equal(-1, JsonLinesSchema.FindOverflow(utf8Extra));
        Assert.Equal(-1, JsonLinesSchema.FindOverflow(misnamed));
        Assert.Equal(-1, JsonLinesSchema.FindOverflow(JsonLinesSchema.Empty));
    }

    [Fact]
    public void Columns_KeyThatHeldOnlyNulls_Utf8()
    {
        var schema = JsonLinesSchema.Columns(["n"], [TextType.Empty]);

        Assert.Equal(TextType.Utf8, TextTypes.Of(schema.FieldsList[0]));
    }
}
