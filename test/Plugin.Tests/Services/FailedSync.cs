using CqSourceS3.Protocol.Plugin.V3;
using Grpc.Core;
using Xunit.Abstractions;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>A Sync RPC that failed: its error, and the kind of every response that came before the error.</summary>
/// <param name="Error">What the call ended with.</param>
/// <param name="Kinds">The responses streamed before it, in order (none when the sync failed before sending anything).</param>
internal sealed record FailedSync(RpcException Error, IReadOnlyList<Sync.Types.Response.MessageOneofCase> Kinds)
{
    /// <summary>Runs a Sync that must fail (the test fails if it ends well) and writes what happened to <paramref name="output"/>.</summary>
    public static async Task<FailedSync> RunAsync(PluginClient client, Sync.Types.Request request, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var kinds = new List<Sync.Types.Response.MessageOneofCase>();
        using var call = client.Sync(request);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                kinds.Add(response.MessageCase);
            }
        });
        output.WriteLine($"sync failed after [{string.Join(", ", kinds)}]: {error.Status.Detail}");
        return new FailedSync(error, kinds);
    }
}
