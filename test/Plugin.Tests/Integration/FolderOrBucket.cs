using System.Text.Json.Nodes;
using CqSourceS3.Client.Storage;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared.S3;
using Google.Protobuf;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Runs one test over a local folder or over the S3 test server alike: it puts a folder's objects where the plugin
/// reads them ("local": the folder itself; "s3": a new bucket), writes the spec for that store, and starts the plugin
/// (over S3 with the fixture's credentials, its requests counted in <see cref="Traffic"/>).
/// </summary>
internal sealed class FolderOrBucket(S3ServerFixture server, string footerCacheFolder, ITestOutputHelper output)
{
    /// <summary>The stores a test runs over, as theory data.</summary>
    public static TheoryData<string> Stores => new() { "local", "s3" };

    /// <summary>The S3 requests of plugins started by <see cref="StartAsync"/>.</summary>
    public StoreTraffic Traffic { get; } = new();

    /// <summary>
    /// Makes <paramref name="keys"/> of <paramref name="folder"/> readable on <paramref name="store"/> and returns the
    /// spec (<paramref name="options"/> plus the store's location and a footer cache of the test's own) and the
    /// store's listing by key.
    /// </summary>
    public async Task<(ByteString Spec, Dictionary<string, StoredObject> Listing)> PrepareAsync(string store, JsonObject options, string folder, IReadOnlyList<string> keys)
    {
        options["footer_cache_dir"] = footerCacheFolder;
        IObjectStore listed;
        if (store == "local")
        {
            options["local_path"] = folder;
            listed = new LocalFolderStore(folder);
        }
        else
        {
            output.WriteLine($"S3 test server: {server.Description}");
            var bucket = S3ServerFixture.UniqueBucketName("obj");
            await server.CreateBucketAsync(bucket);
            foreach (var key in keys)
            {
                await server.PutObjectAsync(bucket, key, await File.ReadAllBytesAsync(Path.Combine(folder, key)));
            }

            options["bucket"] = bucket;
            options["endpoint"] = server.Endpoint;
            options["region"] = server.Region;
            options["use_path_style"] = true;
            listed = await S3ObjectStore.CreateAsync(server.StoreOptions(bucket), CancellationToken.None);
        }

        await using (listed)
        {
            var listing = await listed.ListAsync("", CancellationToken.None).ToDictionaryAsync(o => o.Key, StringComparer.Ordinal);
            return (ByteString.CopyFromUtf8(options.ToJsonString()), listing);
        }
    }

    /// <summary>A plugin for <paramref name="store"/>, initialised with <paramref name="spec"/>.</summary>
    public async Task<RunningPlugin> StartAsync(string store, ByteString spec)
    {
        var plugin = await StartUninitializedAsync(store);
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = spec });
        return plugin;
    }

    /// <summary>A plugin for <paramref name="store"/>, not initialised yet.</summary>
    public async Task<RunningPlugin> StartUninitializedAsync(string store) => store == "local"
        ? await RunningPlugin.StartAsync("unix")
        : await RunningPlugin.StartAsync("unix", FixtureClientFactory.Replace(server.Credentials, Traffic));
}
