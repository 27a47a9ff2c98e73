using System.Text.Json.Nodes;
using CqSourceS3.Tests.Shared.S3;
using Google.Protobuf;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>The Init/TestConnection spec a CloudQuery user would write for a bucket on the test server.</summary>
internal static class S3Spec
{
    /// <summary>
    /// <c>{"bucket", "endpoint", "region", "use_path_style": true, "rows_per_record"}</c>, plus <c>path_prefix</c>
    /// when given; <paramref name="endpoint"/> overrides the server's (e.g. a closed port).
    /// </summary>
    public static ByteString For(S3ServerFixture server, string bucket, int rowsPerRecord = 500, string? pathPrefix = null, string? endpoint = null)
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

        return ByteString.CopyFromUtf8(spec.ToJsonString());
    }
}
