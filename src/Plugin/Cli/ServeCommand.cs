using System.CommandLine;
using CqSourceS3.Plugin.Hosting;
using CqSourceS3.Plugin.Logging;
using CqSourceS3.Plugin.Telemetry;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>serve</c>: the command the CloudQuery CLI launches (<c>serve --log-level info --log-format json --network unix
/// --address /tmp/cq-….sock [--no-sentry] [--otel-endpoint …]</c>). Same flags as the Go SDK; flags a newer CLI may
/// add are ignored with a warning instead of failing the launch.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "host:port to listen on (tcp), or a socket path (unix)", DefaultValueFactory = _ => "localhost:7777" };
        var network = new Option<string>("--network") { Description = "tcp, tcp4, tcp6 or unix", DefaultValueFactory = _ => "tcp" };
        network.AcceptOnlyFromAmong(ListenEndpoint.Networks);
        var logLevel = new Option<string>("--log-level") { Description = "trace, debug, info, warn or error", DefaultValueFactory = _ => "info" };
        logLevel.AcceptOnlyFromAmong(LogLevels.Names);
        var logFormat = new Option<string>("--log-format") { Description = "text or json (one JSON object per line on stdout)", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var noSentry = new Option<bool>("--no-sentry") { Description = "accepted for compatibility; this plugin sends no error reports" };
        var otelEndpoint = TelemetryOptions.Endpoint();
        var otelInsecure = TelemetryOptions.Insecure();
        var license = new Option<string?>("--license") { Description = "accepted for compatibility; no licence is needed" };

        var command = new Command("serve", "Start the plugin's gRPC server (what the CloudQuery CLI runs)")
        {
            address, network, logLevel, logFormat, noSentry, otelEndpoint, otelInsecure, license,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ServeOptions
            {
                Address = result.GetValue(address)!,
                Network = result.GetValue(network)!,
                LogLevel = LogLevels.Parse(result.GetValue(logLevel)!),
                LogFormat = result.GetValue(logFormat) == "json" ? LogFormat.Json : LogFormat.Text,
                NoSentry = result.GetValue(noSentry),
                OtelEndpoint = result.GetValue(otelEndpoint),
                OtelEndpointInsecure = result.GetValue(otelInsecure),
                License = result.GetValue(license),
            };
            return await ServeRunner.RunAsync(options, result.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
