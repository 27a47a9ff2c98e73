using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Tests.Formats;

public sealed class TextColumnWideningTests
{
    [Fact]
    public void Apply_ColumnsTypedDifferentlyByTheirObjects_EachObjectReadAsTheWiderType()
    {
        var a = File("a.csv", ("id", TextType.Int64), ("v", TextType.Int64), ("day", TextType.Date), ("code", TextType.Int64));
        var b = File("b.csv", ("id", TextType.Int64), ("v", TextType.Float64), ("day", TextType.Timestamp), ("code", TextType.Utf8), ("w", TextType.Bool));

        var widened = TextColumnWidening.Apply([a, b]);

        Assert.Equal(
            ["id:Int64 v:Double day:Timestamp code:String", "id:Int64 v:Double day:Timestamp code:String w:Boolean"],
            widened.Select(f => string.Join(' ', f.Schema.FieldsList.Select(c => $"{c.Name}:{c.DataType.TypeId}"))));
        Assert.Equal(TextTypes.Timestamp.Timezone, ((TimestampType)widened[0].Schema.GetFieldByName("day").DataType).Timezone);
        Assert.Equal([a.StoredObject, b.StoredObject], widened.Select(f => f.StoredObject));
    }

    [Fact]
    public void Apply_ObjectsThatAgree_KeepTheirSchemaInstances()
    {
        var a = File("a.jsonl", ("id", TextType.Int64), ("ctx", TextType.Json));
        var b = a with { StoredObject = a.StoredObject with { Key = "b.jsonl" } };
        var c = File("c.jsonl", ("id", TextType.Int64));

        var widened = TextColumnWidening.Apply([a, b, c]);

        Assert.All(widened, f => Assert.Same(f.StoredObject.Key == "c.jsonl" ? c.Schema : a.Schema, f.Schema));
    }

    private static ObjectFileInfo File(string key, params (string Name, TextType Type)[] columns) =>
        new(new StoredObject(key, 10, DateTimeOffset.UnixEpoch), new Schema(columns.Select(c => TextTypes.ToField(c.Name, c.Type)), null), 1, RowGroupCount: 1);
}
