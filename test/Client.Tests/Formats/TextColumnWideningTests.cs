using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Evolution;
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

    [Fact]
    public void WithTypesBeforeWidening_WidenedColumns_ListTheInferredTypesNewestObjectFirst()
    {
        var a = File("a.csv", ("id", TextType.Int64), ("v", TextType.Int64), ("day", TextType.Date)) with { StoredObject = new StoredObject("a.csv", 10, DateTimeOffset.UnixEpoch.AddDays(2)) };
        var b = File("b.csv", ("id", TextType.Int64), ("v", TextType.Bool), ("day", TextType.Timestamp));
        var c = File("c.csv", ("id", TextType.Int64), ("v", TextType.Float64)) with { StoredObject = new StoredObject("c.csv", 10, DateTimeOffset.UnixEpoch.AddDays(1)) };
        var widened = TextColumnWidening.Apply([a, b, c]);
        var table = widened[1].Schema;
        // What the schema check of the widened objects reports: only c lacks day; no type differs any more.
        IReadOnlyList<ColumnEvolution> check = [new("id", 0, []), new("v", 0, []), new("day", 1, [])];

        var evolution = TextColumnWidening.WithTypesBeforeWidening(check, [a, b, c], table);

        Assert.Equal(
            [("id", 0, ""), ("v", 0, "int64 float64 bool"), ("day", 1, "date32")],
            evolution.Select(e => (e.Name, e.MissingIn, string.Join(' ', e.WidenedFrom))));
        Assert.Same(check[0], evolution[0]);
    }

    private static ObjectFileInfo File(string key, params (string Name, TextType Type)[] columns) =>
        new(new StoredObject(key, 10, DateTimeOffset.UnixEpoch), new Schema(columns.Select(c => TextTypes.ToField(c.Name, c.Type)), null), 1, RowGroupCount: 1);
}
