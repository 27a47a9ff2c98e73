using System.Text.Json;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>Spec JSON for Init and TestConnection, as the CLI sends the <c>spec:</c> block.</summary>
public static class Specs
{
    /// <summary><c>{"local_path": path}</c>.</summary>
    public static string LocalPath(string path) => JsonSerializer.Serialize(new Dictionary<string, object> { ["local_path"] = path });

    /// <summary>A bucket on an S3-compatible endpoint, path-style, with an explicit region (no region lookup).</summary>
    public static string S3Endpoint(string bucket, string region, Uri endpoint) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["bucket"] = bucket,
        ["region"] = region,
        ["endpoint"] = endpoint.ToString().TrimEnd('/'),
        ["use_path_style"] = true,
    });
}
