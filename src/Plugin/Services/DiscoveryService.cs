using CqSourceS3.Protocol.Discovery.V1;
using Grpc.Core;

namespace CqSourceS3.Plugin.Services;

/// <summary><c>cloudquery.discovery.v1.Discovery</c>: we speak plugin protocol 3 only.</summary>
internal sealed class DiscoveryService : Discovery.DiscoveryBase
{
    public override Task<GetVersions.Types.Response> GetVersions(GetVersions.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetVersions.Types.Response { Versions = { 3 } });
}
