using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Text;

/// <summary>
/// Every <c>csv:</c> and <c>jsonl:</c> option, each on an object written by hand for it, through the gRPC Sync over the
/// local folder and the S3 test server: the table's columns and types from the MigrateTable, and every value of the
/// decoded Inserts, with <c>_source_row</c> to show which lines count as rows.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class TextOptionsSyncTests : IDisposable
{
    private readonly TestCacheFolder _cache = new();
    private readonly FolderOrBucket _store;
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-text-options-").FullName;

    public TextOptionsSyncTests(S3ServerFixture server, ITestOutputHelper output) => _store = new FolderOrBucket(server, _cache.Path, output);

    /// <summary>Each case: the options, the object's key and text, the columns as <c>name:type</c>, the rows as <c>name=value|…</c>.</summary>
    private static readonly Dictionary<string, (JsonObject Options, string Key, string Text, string[] Columns, string[] Rows)> Cases = new(StringComparer.Ordinal)
    {
        ["delimiter, quote and escape"] = (
            Csv(new JsonObject { ["delimiter"] = ";", ["quote"] = "'", ["escape"] = "\\" }),
            "t/a.csv",
            "id;name\n1;'it\\'s; fine'\n2;plain\n",
            ["id:Int64", "name:String"],
            ["id=1|name=it's; fine|row=0", "id=2|name=plain|row=1"]),
        ["tsv is tab-separated"] = (
            Csv([]),
            "t/a.tsv",
            "id\tnote\n1\ta, b\n",
            ["id:Int64", "note:String"],
            ["id=1|note=a, b|row=0"]),
        ["delimiter overrides the tab of tsv"] = (
            Csv(new JsonObject { ["delimiter"] = "|" }),
            "t/a.tsv",
            "id|note\n1|a\tb\n",
            ["id:Int64", "note:String"],
            ["id=1|note=a\tb|row=0"]),
        ["header false numbers the columns"] = (
            Csv(new JsonObject { ["header"] = false }),
            "t/a.csv",
            "1,a\n2,b\n",
            ["column0:Int64", "column1:String"],
            ["column0=1|column1=a|row=0", "column0=2|column1=b|row=1"]),
        ["column_names without a header"] = (
            Csv(new JsonObject { ["header"] = false, ["column_names"] = new JsonArray("id", "name") }),
            "t/a.csv",
            "1,a\n",
            ["id:Int64", "name:String"],
            ["id=1|name=a|row=0"]),
        ["column_names replace the header"] = (
            Csv(new JsonObject { ["column_names"] = new JsonArray("k", "v") }),
            "t/a.csv",
            "id,name\n1,a\n",
            ["k:Int64", "v:String"],
            ["k=1|v=a|row=0"]),
        ["skip_rows before the header"] = (
            Csv(new JsonObject { ["skip_rows"] = 2 }),
            "t/a.csv",
            "# exported 2024-03-01\n# v2\nid\n5\n6\n",
            ["id:Int64"],
            ["id=5|row=0", "id=6|row=1"]),
        ["null_values"] = (
            Csv(new JsonObject { ["null_values"] = new JsonArray("", "NA") }),
            "t/a.csv",
            "id,score\n1,NA\n2,\n3,4.5\n",
            ["id:Int64", "score:Double"],
            ["id=1|score=null|row=0", "id=2|score=null|row=1", "id=3|score=4.5|row=2"]),
        ["an empty text is a value when null_values leaves it out"] = (
            Csv(new JsonObject { ["null_values"] = new JsonArray("NULL") }),
            "t/a.csv",
            "id,name\n1,\n2,NULL\n",
            ["id:Int64", "name:String"],
            ["id=1|name=|row=0", "id=2|name=null|row=1"]),
        ["types string"] = (
            Csv(new JsonObject { ["types"] = "string" }),
            "t/a.csv",
            "id,paid\n1,true\n",
            ["id:String", "paid:String"],
            ["id=1|paid=true|row=0"]),
        ["column_types"] = (
            Csv(new JsonObject { ["column_types"] = new JsonObject { ["id"] = "float64", ["zip"] = "utf8", ["meta"] = "json" } }),
            "t/a.csv",
            "id,zip,meta\n1,12345,\"{\"\"a\"\":[1,2]}\"\n",
            ["id:Double", "zip:String", "meta:Binary"],
            ["id=1|zip=12345|meta={\"a\":[1,2]}|row=0"]),
        ["infer_rows"] = (
            Csv(new JsonObject { ["infer_rows"] = 1 }),
            "t/a.csv",
            "n\n1\n2.5\n",
            ["n:Int64"],
            ["error"]),
        ["jsonl mode raw"] = (
            Jsonl(new JsonObject { ["mode"] = "raw" }),
            "t/a.jsonl",
            "{\"a\":1}\n[1, 2]\n\n\"text\"\n",
            ["data:Binary"],
            ["data={\"a\":1}|row=0", "data=[1, 2]|row=1", "data=\"text\"|row=2"]),
        ["jsonl infer_rows and _extra"] = (
            Jsonl(new JsonObject { ["infer_rows"] = 1 }),
            "t/a.ndjson",
            "{\"id\":1}\n{\"id\":2,\"late\":{\"x\":true}}\n",
            ["id:Int64", "_extra:Binary"],
            ["id=1|_extra=null|row=0", "id=2|_extra={\"late\":{\"x\":true}}|row=1"]),
    };

    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        foreach (var store in FolderOrBucket.Stores)
        {
            foreach (var name in Cases.Keys)
            {
                data.Add(store, name);
            }
        }

        return data;
    }

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Sync_TextOption_ColumnsAndEveryValueAsTheOptionSays(string store, string option)
    {
        var (options, key, text, columns, rows) = Cases[option];
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(text));
        options = (JsonObject)options.DeepClone();
        options["lineage_columns"] = new JsonArray("row");
        options["error_policy"] = "fail";

        var (spec, _) = await _store.PrepareAsync(store, options, _folder, [key]);
        await using var plugin = await _store.StartAsync(store, spec);
        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        var table = Assert.Single(sync.Migrations);
        Assert.Equal(columns, table.FieldsList.Where(f => !f.Name.StartsWith("_cq_", StringComparison.Ordinal) && f.Name != "_source_row").Select(f => $"{f.Name}:{f.DataType.TypeId}"));
        if (rows is ["error"])
        {
            // A value beyond the inference window that its column's type cannot hold fails the object, never a null.
            var error = Assert.Single(sync.Errors);
            Assert.Contains("line 3", error.Error, StringComparison.Ordinal);
            Assert.Contains("2.5", error.Error, StringComparison.Ordinal);
            return;
        }

        Assert.Empty(sync.Errors);
        Assert.Equal(rows, TextRows.Of(sync, "t").OrderBy(r => (long)r["_source_row"]!).Select(Render));
    }

    private static JsonObject Csv(JsonObject csv) => new() { ["filetype"] = "csv", ["csv"] = csv };

    private static JsonObject Jsonl(JsonObject jsonl) => new() { ["filetype"] = "jsonl", ["jsonl"] = jsonl };

    private static string Render(Dictionary<string, object?> row) => string.Join('|', row
        .Where(c => !c.Key.StartsWith("_cq_", StringComparison.Ordinal))
        .Select(c => (c.Key == "_source_row" ? "row" : c.Key) + "=" + (c.Value is null ? "null" : Convert.ToString(c.Value, CultureInfo.InvariantCulture))));
}
