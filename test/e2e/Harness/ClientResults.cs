using System.Text.Json;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>Reading the JS client's result lines (<c>{"rpc":"GetName","ok":true,"name":"s3"}</c>) in assertions.</summary>
public static class ClientResults
{
    /// <summary>The results of the calls to <paramref name="rpc"/>, in call order.</summary>
    public static IReadOnlyList<JsonElement> OfRpc(this IReadOnlyList<JsonElement> results, string rpc) =>
        [.. results.Where(r => r.TryGetProperty("rpc", out var name) && name.GetString() == rpc)];

    /// <summary>The one result of <paramref name="rpc"/>, asserted to have succeeded.</summary>
    public static JsonElement SucceededOnce(this IReadOnlyList<JsonElement> results, string rpc)
    {
        var result = Assert.Single(results.OfRpc(rpc));
        Assert.True(result.GetProperty("ok").GetBoolean(), $"{rpc} failed: {result}");
        return result;
    }

    /// <summary>A string property of a result line.</summary>
    public static string Text(this JsonElement result, string property) => result.GetProperty(property).GetString()!;
}
