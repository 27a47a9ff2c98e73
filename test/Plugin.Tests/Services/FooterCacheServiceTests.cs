using System.Text.Json.Nodes;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>The plugin's own client factory (what the CLI gets) keeps footers in <c>footer_cache_dir</c> across processes.</summary>
public sealed class FooterCacheServiceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cq-s3-footer-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetTables_NextPluginProcess_TakesUnchangedFootersFromTheCacheFileOnlyWhenItIsOn(bool footerCache)
    {
        var data = Path.Combine(_root, "data");
        var cache = Path.Combine(_root, "cache");
        var path = Path.Combine(data, "orders", "part-1.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var batch = SampleBatches.AllTypes(0, 40))
        {
            new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).WriteTo(path);
        }

        var spec = ByteString.CopyFromUtf8(new JsonObject { ["local_path"] = data, ["footer_cache"] = footerCache, ["footer_cache_dir"] = cache }.ToJsonString());
        Assert.Equal(["orders"], await TableNamesAsync(spec));

        // Same size and modification time, unreadable bytes: only a footer kept from the first process describes it.
        var modified = File.GetLastWriteTimeUtc(path);
        File.WriteAllBytes(path, new byte[new FileInfo(path).Length]);
        File.SetLastWriteTimeUtc(path, modified);
        var names = await TableNamesAsync(spec);

        Assert.Equal(footerCache ? ["orders"] : [], names);
        Assert.Equal(footerCache ? 1 : 0, Directory.Exists(cache) ? Directory.GetFiles(cache).Length : 0);
    }

    private static async Task<List<string>> TableNamesAsync(ByteString spec)
    {
        await using var plugin = await RunningPlugin.StartAsync("unix");
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = spec });
        var response = await plugin.Plugin.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" } });
        return [.. response.Tables.Select(t => Client.Arrow.ArrowIpc.DecodeSchema(t.Memory).Metadata["cq:table_name"])];
    }
}
