using System.Text.Json.Nodes;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared.S3;
using Google.Protobuf;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>The Init/TestConnection spec a CloudQuery user would write for a bucket on the test server, and a plugin started with it.</summary>
internal static class S3Spec
{
    /// <summary>
    /// <c>{"bucket", "endpoint", "region", "use_path_style": true, "rows_per_record"}</c>, plus <c>path_prefix</c>
    /// when given; <paramref name="endpoint"/> overrides the server's (e.g. a closed port).
    /// </summary>
    public static ByteString For(S3ServerFixture server, string bucket, int rowsPerRecord = 500, string? pathPrefix = null, string? endpoint = null) =>
        ByteString.CopyFromUtf8(Options(server, bucket, rowsPerRecord, pathPrefix, endpoint).ToJsonString());

    /// <summary>The same spec as <see cref="For"/>, as an object a test adds its own options to.</summary>
    public static JsonObject Options(S3ServerFixture server, string bucket, int rowsPerRecord = 500, string? pathPrefix = null, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var spec = new JsonObject
        {
            ["bucket"] = bucket,
            ["endpoint"] = endpoint ?? server.Endpoint,
            ["region"] = server.Region,
            ["use_path_style"] = true,
            ["rows_per_record"] = rowsPerRecord,
        };
        if (pathPrefix is not null)
        {
            spec["path_prefix"] = pathPrefix;
        }

        return spec;
    }

    /// <summary>
    /// A plugin on <paramref name="network"/> reading the test server through <paramref name="control"/>'s faults,
    /// initialised with <paramref name="spec"/>.
    /// </summary>
    public static async Task<RunningPlugin> StartAsync(S3ServerFixture server, string network, StoreControl control, JsonObject spec)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(spec);
        var plugin = await RunningPlugin.StartAsync(network, FixtureClientFactory.Replace(server.Credentials, control));
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8(spec.ToJsonString()) });
        return plugin;
    }
}
