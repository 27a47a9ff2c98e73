using System.Text.Json;
using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.JsonLines;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesOverflowTests
{
    [Fact]
    public void Read_KeysFirstSeenAfterInference_GatheredIntoExtraAsJson()
    {
        const string text = """
            {"id":1}
            {"id":2,"late":{"x":[1, 2]},"note":"n"}
            {"late":null,"id":3}
            """;

        var batches = Read(text, Options(inferRows: 1));

        Assert.Equal(["1", "2", "3"], Column(batches, "id"));
        Assert.Equal([null, "{\"late\":{\"x\":[1, 2]},\"note\":\"n\"}", "{\"late\":null}"], Column(batches, "_extra"));
    }

    [Fact]
    public void Read_ExtraKeysWithEscapes_ValidJsonWithTheKeysText()
    {
        var batches = Read("{\"id\":1}\n{\"caf\\u00e9 \\\"q\\\"\":\"v\\n\",\"id\":2}\n", Options(inferRows: 1));

        var extra = Column(batches, "_extra")[1]!;
        using var document = JsonDocument.Parse(extra);
        var property = Assert.Single(document.RootElement.EnumerateObject());
        Assert.Equal("café \"q\"", property.Name);
        Assert.Equal("v\n", property.Value.GetString());
    }

    [Fact]
    public void Read_ExtraKeyRepeatedOnALine_LastValueOnce()
    {
        var batches = Read("{\"id\":1}\n{\"x\":1,\"id\":2,\"\\u0078\":{\"y\":2}}\n", Options(inferRows: 1));

        Assert.Equal([null, "{\"x\":{\"y\":2}}"], Column(batches, "_extra"));
    }

    [Fact]
    public void Read_KeyNamedExtra_ItsOwnColumnBesideTheOverflow()
    {
        const string text = """
            {"_extra":"mine"}
            {"_extra":"also mine","other":true}
            """;

        var batches = Read(text, Options(inferRows: 1));

        Assert.Equal(["mine", "also mine"], Column(batches, "_extra"));
        Assert.Equal([null, "{\"other\":true}"], Column(batches, "_extra_2"));
    }

    [Fact]
    public void Read_OverflowColumnNotLast_FoundByNameAndType()
    {
        var schema = new Schema(
            [TextTypes.ToField("a", TextType.Int64), TextTypes.ToField("_extra", TextType.Json), TextTypes.ToField("b", TextType.Utf8)],
            null);
        var format = new JsonLinesFormat(Options());

        var batches = format.Read(Utf8("{\"b\":\"x\",\"z\":0,\"a\":1}\n"), schema, 10, CancellationToken.None).ToList();

        Assert.Same(schema, Assert.Single(batches).Schema);
        Assert.Equal(["1"], Column(batches, "a"));
        Assert.Equal(["x"], Column(batches, "b"));
        Assert.Equal(["{\"z\":0}"], Column(batches, "_extra"));
    }

    [Fact]
    public void Read_SchemaWithoutOverflowColumn_UnknownKeyFails()
    {
        var schema = new Schema([TextTypes.ToField("a", TextType.Int64)], null);
        var format = new JsonLinesFormat(Options());

        var error = Assert.Throws<InvalidOperationException>(
            () => format.Read(Utf8("{\"a\":1}\n{\"a\":2,\"z\":0}\n"), schema, 10, CancellationToken.None).ToList());

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"z\"", error.Message, StringComparison.Ordinal);
    }
}
