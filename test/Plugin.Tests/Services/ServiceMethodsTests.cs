using CqSourceS3.Protocol.Discovery.V1;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginProtocol = CqSourceS3.Protocol.Plugin.V3.Plugin;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>
/// The server registers the gRPC methods from our own lists (<c>AddServiceMethods</c>), not from the generated
/// <c>BindService</c>: every method the protocol files declare must have an endpoint, or the CLI would be told the
/// method is unimplemented.
/// </summary>
public sealed class ServiceMethodsTests
{
    [Fact]
    public async Task Serve_EveryMethodOfBothServices_HasItsEndpoint()
    {
        var endpoints = new EndpointCapture();
        await using var plugin = await RunningPlugin.StartAsync("tcp", services => services.AddSingleton<IHostedService>(provider => endpoints.From(provider)));

        var declared = PluginProtocol.Descriptor.Methods.Concat(Discovery.Descriptor.Methods).Select(m => $"{m.Service.FullName}/{m.Name}");

        Assert.Equal(declared.Order(), endpoints.GrpcMethods.Order());
    }

    /// <summary>Reads the server's endpoints once it has started, through the service provider the host built.</summary>
    private sealed class EndpointCapture
    {
        private IServiceProvider? _provider;

        public IEnumerable<string> GrpcMethods => _provider!.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>())
            .OfType<GrpcMethodMetadata>()
            .Select(metadata => metadata.Method.FullName.TrimStart('/'))
            .Distinct();

        public IHostedService From(IServiceProvider provider)
        {
            _provider = provider;
            return new NothingToRun();
        }

        private sealed class NothingToRun : IHostedService
        {
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
