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
/// Text objects that do not fit their table, through the gRPC Sync over the local folder and the S3 test server: each
/// is skipped (or stops its table under <c>error_policy: fail</c>) with a message naming key, line and column, the
/// other objects' rows are all sent, and nothing is ever a silent null.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class TextObjectFailureTests : IDisposable
{
    private readonly TestCacheFolder _cache = new();
    private readonly FolderOrBucket _store;
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-text-bad-").FullName;
    private readonly List<string> _keys = [];

    public TextObjectFailureTests(S3ServerFixture server, ITestOutputHelper output) => _store = new FolderOrBucket(server, _cache.Path, output);

    public static TheoryData<string> Stores => FolderOrBucket.Stores;

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_BadValueAfterInferenceWindow_FailsTheObjectNamingKeyLineAndColumn(string store)
    {
        Write("t/good.csv", "id,price\n1,1.5\n2,2.5\n");
        Write("t/late.csv", "id,price\n3,3.5\n4,4.5\n5,n/a\n");

        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "csv", ["error_policy"] = "fail", ["csv"] = new JsonObject { ["infer_rows"] = 2 } });

        var error = Assert.Single(sync.Errors);
        Assert.Equal("t", error.TableName);
        Assert.Contains("t/late.csv", error.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Error, StringComparison.Ordinal);
        Assert.Contains("\"price\"", error.Error, StringComparison.Ordinal);
        Assert.Contains("n/a", error.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(TextRows.Of(sync, "t"), r => (long)r["id"]! == 5);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_BadValueUnderSkip_SendsEveryOtherObjectAndWarnsNamingTheLine(string store)
    {
        Write("t/good.csv", "id,price\n1,1.5\n2,2.5\n");
        Write("t/late.csv", "id,price\n3,3.5\n4,4.5\n5,n/a\n");

        var (sync, logs) = await SyncWithLogsAsync(store, new JsonObject { ["filetype"] = "csv", ["csv"] = new JsonObject { ["infer_rows"] = 2 } });
        using (sync)
        {
            Assert.Empty(sync.Errors);
            var ids = TextRows.Of(sync, "t").Select(r => (long)r["id"]!).ToList();
            Assert.Contains(1L, ids);
            Assert.Contains(2L, ids);
            Assert.DoesNotContain(5L, ids);
            Assert.Contains(logs.Split('\n'), l => l.Contains("t/late.csv", StringComparison.Ordinal) && l.Contains("line 4", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_RaggedRowInvalidUtf8AndOverlongLine_EachFailsItsTableNamingTheLine(string store)
    {
        Write("good/a.csv", "a,b\n1,2\n");
        Write("ragged/a.csv", "a,b\n1,2\n3,4,5\n");
        WriteBytes("latin1/a.csv", [.. Encoding.ASCII.GetBytes("a,b\n1,2\n3,caf"), 0xE9, (byte)'\n']);
        Write("long/a.jsonl", "{\"a\":1}\n{\"a\":\"" + new string('x', 3000) + "\"}\n");

        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "auto", ["error_policy"] = "fail", ["jsonl"] = new JsonObject { ["max_line_bytes"] = 1024 } });

        var errors = sync.Errors.ToDictionary(e => e.TableName, e => e.Error, StringComparer.Ordinal);
        Assert.Equal(["latin1", "long", "ragged"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("ragged/a.csv", errors["ragged"], StringComparison.Ordinal);
        Assert.Contains("line 3", errors["ragged"], StringComparison.Ordinal);
        Assert.Contains("latin1/a.csv", errors["latin1"], StringComparison.Ordinal);
        Assert.Contains("line 3", errors["latin1"], StringComparison.Ordinal);
        Assert.Contains("UTF-8", errors["latin1"], StringComparison.Ordinal);
        Assert.Contains("long/a.jsonl", errors["long"], StringComparison.Ordinal);
        Assert.Contains("line 2", errors["long"], StringComparison.Ordinal);
        Assert.Contains("1024", errors["long"], StringComparison.Ordinal);
        Assert.Equal([(1L, 2L)], TextRows.Of(sync, "good").Select(r => ((long)r["a"]!, (long)r["b"]!)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_ErrorPolicyFail_StopsTheTableNamingTheObject(string store)
    {
        Write("t/a.csv", "id\n1\n2\n");
        Write("t/b.csv", "id\n3\nfour\n");
        Write("u/a.csv", "id\n9\n");

        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "csv", ["error_policy"] = "fail", ["csv"] = new JsonObject { ["infer_rows"] = 1 } });

        var error = Assert.Single(sync.Errors);
        Assert.Equal("t", error.TableName);
        Assert.Contains("t/b.csv", error.Error, StringComparison.Ordinal);
        Assert.Contains("error_policy is fail", error.Error, StringComparison.Ordinal);
        Assert.Equal([9L], TextRows.Of(sync, "u").Select(r => (long)r["id"]!));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_MixedFormatsInOneTable_FailsTheTableNamingAnObjectOfEach(string store)
    {
        Write("mix/a.csv", "id\n1\n");
        Write("mix/b.jsonl", "{\"id\":2}\n");
        Write("ok/a.csv", "id\n3\n");

        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "auto" });

        var error = Assert.Single(sync.Errors);
        Assert.Equal("mix", error.TableName);
        Assert.Contains("'mix/a.csv' is CSV", error.Error, StringComparison.Ordinal);
        Assert.Contains("'mix/b.jsonl' is JSON Lines", error.Error, StringComparison.Ordinal);
        Assert.Equal([3L], TextRows.Of(sync, "ok").Select(r => (long)r["id"]!));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_EmptyAndHeaderOnlyObjects_AddNoRowsAndBreakNothing(string store)
    {
        Write("t/a.csv", "id,name\n1,x\n");
        Write("t/empty.csv", "");
        Write("t/header.csv", "id,name\r\n");
        Write("e/empty.jsonl", "");

        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "auto", ["schema_policy"] = "strict" });

        Assert.Empty(sync.Errors);
        Assert.Equal([(1L, "x")], TextRows.Of(sync, "t").Select(r => ((long)r["id"]!, (string)r["name"]!)));
        Assert.Empty(TextRows.Of(sync, "e"));
    }

    private void Write(string key, string text) => WriteBytes(key, Encoding.UTF8.GetBytes(text));

    private void WriteBytes(string key, byte[] bytes)
    {
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        _keys.Add(key);
    }

    private async Task<DecodedSyncResponses> SyncAsync(string store, JsonObject options) => (await SyncWithLogsAsync(store, options)).Sync;

    private async Task<(DecodedSyncResponses Sync, string Logs)> SyncWithLogsAsync(string store, JsonObject options)
    {
        options["concurrency"] = 1;
        var (spec, _) = await _store.PrepareAsync(store, options, _folder, _keys);
        await using var plugin = await _store.StartAsync(store, spec);
        var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });
        return (sync, plugin.Logs.ToString());
    }
}
