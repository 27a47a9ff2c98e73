using System.Text.Json;
using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Services;

/// <summary>
/// Sync of a file whose stored Arrow schema asks for view types and 32/64-bit decimals, decoded by CloudQuery's JS
/// SDK (<c>decodeTable</c> / <c>decodeRecord</c>): its Arrow library knows none of these types and fails on the
/// whole MigrateTable when one appears, so the plugin must send their classic forms.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class SyncTypeConversionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sync_ViewAndSmallDecimalColumns_JsSdkDecodesClassicTypesAndExactValues()
    {
        using var folder = new TempFolder();
        using (var batch = ViewAndSmallDecimalBatches.Build())
        {
            new ParquetFileBuilder(ViewAndSmallDecimalBatches.Schema).Add(batch).WriteTo(Path.Combine(folder.Path, "modern", "part-0.parquet"));
        }

        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["init", Specs.LocalPath(folder.Path), "sync"], output, CancellationToken.None);

        results.SucceededOnce("Init");
        var sync = results.SucceededOnce("Sync");
        Assert.Equal(1, sync.GetProperty("migrate_table").GetInt32());
        var migrate = Assert.Single(SyncLines(results, "migrate_table"));
        var columns = migrate.GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.Text("name"), c => c.Text("type"), StringComparer.Ordinal);
        Assert.Equal("Utf8", columns["name"]);
        Assert.Equal("Binary", columns["blob"]);
        Assert.Equal("Decimal128(9, 2)", columns["price"]);
        Assert.Equal("Decimal128(18, 4)", columns["total"]);
        Assert.Equal("List<element: Utf8>", columns["tags"]);
        Assert.Equal("Struct<amount: Decimal128(5, 1), label: Utf8>", columns["point"]);
        Assert.Equal("Map<entries: Struct<key: Utf8, value: Decimal128(10, 3)>>", columns["attrs"]);

        var inserts = SyncLines(results, "insert");
        Assert.Equal(sync.GetProperty("insert").GetInt32(), inserts.Count);
        Assert.All(inserts, insert => Assert.Equal(migrate.Text("table"), insert.Text("table")));
        var fileColumns = ViewAndSmallDecimalBatches.Schema.FieldsList.Select(f => f.Name).ToList();
        var rows = inserts.SelectMany(insert => insert.GetProperty("rows").EnumerateArray())
            .Select(row => JsonSerializer.Serialize(fileColumns.ToDictionary(name => name, name => row.GetProperty(name))))
            .ToList();
        Assert.Equal(ViewAndSmallDecimalBatches.ExpectedJsonRows, rows);
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    /// <summary>The decoded Sync messages of one kind, each asserted to have decoded.</summary>
    private static List<JsonElement> SyncLines(IReadOnlyList<JsonElement> results, string kind)
    {
        var lines = results.Where(r => r.TryGetProperty("sync", out var name) && name.GetString() == kind).ToList();
        Assert.All(lines, line => Assert.True(line.GetProperty("ok").GetBoolean(), $"the JS SDK failed to decode a {kind}: {line}"));
        return lines;
    }
}
