using CqSourceS3.Plugin.Logging;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Plugin.Services;
using CqSourceS3.Plugin.State;
using CqSourceS3.Plugin.Telemetry;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>
/// The gRPC server: Kestrel speaking cleartext HTTP/2 only (Go clients dial with prior knowledge) on TCP or a unix
/// socket, serving <c>cloudquery.plugin.v3.Plugin</c> and <c>cloudquery.discovery.v1.Discovery</c>.
/// </summary>
internal sealed partial class PluginServer : IAsyncDisposable
{
    /// <summary>The Go SDK's MaxGrpcMsgSize, for both directions.</summary>
    internal const int MaxMessageBytes = 200 * 1024 * 1024;

    /// <summary>
    /// How much response data Kestrel buffers per stream before a write waits for the socket. Its 64 KiB default is
    /// smaller than one Insert, so every Sync write waited for the previous message to drain and encoding never
    /// overlapped sending. 1 MiB holds a whole Insert at the default <c>rows_per_record</c>, so the next one is encoded
    /// while this one is sent; it adds at most 1 MiB per open stream. Insert sizes and the measured gain are in
    /// bench/RESULTS.md ("Figures cited by the code"; run of 2026-11-23 22:30 UTC, "Kestrel's response buffer").
    /// </summary>
    internal const int ResponseBufferBytes = 1024 * 1024;

    private readonly WebApplication _app;
    private readonly ServeOptions _options;
    private readonly TelemetryExport _telemetry;

    private PluginServer(WebApplication app, ServeOptions options, TelemetryExport telemetry)
    {
        _app = app;
        _options = options;
        _telemetry = telemetry;
    }

    /// <summary>The addresses actually bound (the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    public static async Task<PluginServer> StartAsync(ServeOptions options, TextWriter logOutput, CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null)
    {
        // The empty builder reads no configuration: no appsettings.json or ASPNETCORE_ variables from wherever the CLI
        // runs could change the endpoints or limits, and nothing watches the working directory. The slim builder
        // did, and on Linux its file watcher walked the whole tree under the CLI's working directory at every start
        // (the bench's start from the repository root: 0.23 s with it, 0.10-0.11 s without; bench/RESULTS.md, issue #21).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        var telemetry = TelemetryExport.Create(options.OtelEndpoint, options.OtelEndpointInsecure, Console.Error);
        ConfigureLogging(builder.Logging, options, logOutput);
        telemetry.AddLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxResponseBufferSize = ResponseBufferBytes;
            ListenEndpoint.Configure(kestrel, options.Network, options.Address);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.MaxSendMessageSize = MaxMessageBytes;
            // Outermost first: the sync span wraps the error interceptor, so the line logging a failure has its trace id.
            grpc.Interceptors.Add<SyncTracingInterceptor>();
            grpc.Interceptors.Add<ErrorStatusInterceptor>();
        });
        // Both services' methods are registered from our lists, compiled ahead of time (BoundServiceMethods), not by
        // Grpc.AspNetCore's reflection-based provider.
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        BoundServiceMethods<PluginService>.Add(builder.Services, CqSourceS3.Protocol.Plugin.V3.Plugin.AddServiceMethods);
        BoundServiceMethods<DiscoveryService>.Add(builder.Services, CqSourceS3.Protocol.Discovery.V1.Discovery.AddServiceMethods);
        builder.Services.AddSingleton<PluginSession>();
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddSingleton<ISourceClientFactory, SourceClientFactory>();
        builder.Services.AddSingleton<IStateBackend, GrpcStateBackend>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGrpcService<PluginService>();
        app.MapGrpcService<DiscoveryService>();
        if (options.Network == "unix")
        {
            RemoveStaleSocket(options.Address);
        }

        telemetry.UseLogging(app.Services.GetRequiredService<ILogger<TelemetryExport>>(), app.Services.GetService<OpenTelemetry.Logs.LoggerProvider>());
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            telemetry.Dispose();
            throw;
        }

        var server = new PluginServer(app, options, telemetry);
        LogListening(app.Services.GetRequiredService<ILogger<PluginServer>>(), string.Join(",", server.Addresses), options.Network, PluginInfo.Name + "@" + PluginInfo.Version);
        return server;
    }

    /// <summary>A logger that writes through the server's log format.</summary>
    public ILogger Logger => _app.Services.GetRequiredService<ILogger<PluginServer>>();

    /// <summary>Runs until SIGINT/SIGTERM (or <paramref name="cancellationToken"/>), then stops cleanly.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        // Before the services go: the log provider flushed here belongs to them.
        _telemetry.Dispose();

        await _app.DisposeAsync().ConfigureAwait(false);
        if (_options.Network == "unix")
        {
            File.Delete(_options.Address);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ServeOptions options, TextWriter output)
    {
        logging.ClearProviders();
        logging.AddProvider(new CqLoggerProvider(new LogLineWriter(output, options.LogFormat)));
        logging.SetMinimumLevel(options.LogLevel);

        // The framework's own chatter would be counted by the CLI (every warn line is a warning); keep only its problems.
        var frameworkLevel = options.LogLevel > LogLevel.Warning ? options.LogLevel : LogLevel.Warning;
        logging.AddFilter("Microsoft", frameworkLevel);
        logging.AddFilter("Grpc", frameworkLevel);
    }

    /// <summary>A socket file left by a killed process would make the bind fail; nobody can be listening on it.</summary>
    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            probe.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        }
        catch (System.Net.Sockets.SocketException)
        {
            File.Delete(path);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Plugin server listening on {Address} ({Network}) as {Plugin}")]
    private static partial void LogListening(ILogger logger, string address, string network, string plugin);
}
