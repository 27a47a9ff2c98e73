using CqSourceS3.Plugin.Hosting;
using CqSourceS3.Plugin.Logging;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Protocol.Discovery.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>The real server, started in this process on a real socket (TCP port 0 or a unix socket), with a client.</summary>
internal sealed class RunningPlugin : IAsyncDisposable
{
    private readonly PluginServer _server;
    private readonly GrpcChannel _channel;

    private RunningPlugin(PluginServer server, GrpcChannel channel, StringWriter logs, string target)
    {
        _server = server;
        _channel = channel;
        Logs = logs;
        Target = target;
        Plugin = new PluginClient(channel);
        Discovery = new Discovery.DiscoveryClient(channel);
    }

    public PluginClient Plugin { get; }

    public Discovery.DiscoveryClient Discovery { get; }

    /// <summary>Everything the server logged (JSON lines).</summary>
    public StringWriter Logs { get; }

    /// <summary>The connection string a client would use.</summary>
    public string Target { get; }

    /// <summary>Starts the server; with <paramref name="otelEndpoint"/> (host:port) it exports over plain HTTP there, as <c>--otel-endpoint … --otel-endpoint-insecure</c>.</summary>
    public static async Task<RunningPlugin> StartAsync(
        string network, Action<IServiceCollection>? services = null, Microsoft.Extensions.Logging.LogLevel logLevel = Microsoft.Extensions.Logging.LogLevel.Debug, string? otelEndpoint = null)
    {
        var socket = Path.Combine(Path.GetTempPath(), $"cq-test-{Guid.NewGuid():N}.sock");
        var options = new ServeOptions
        {
            Network = network,
            Address = network == "unix" ? socket : "127.0.0.1:0",
            LogFormat = LogFormat.Json,
            LogLevel = logLevel,
            OtelEndpoint = otelEndpoint,
            OtelEndpointInsecure = true,
        };
        var logs = new StringWriter();
        var server = await PluginServer.StartAsync(options, TextWriter.Synchronized(logs), CancellationToken.None, services);
        var target = network == "unix" ? "unix://" + socket : server.Addresses.Single().Replace("http://", "", StringComparison.Ordinal);
        return new RunningPlugin(server, GrpcChannels.Open(target), logs, target);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }
}
