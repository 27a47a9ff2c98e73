using System.CommandLine;

namespace CqSourceS3.Plugin.Telemetry;

/// <summary>The two OpenTelemetry flags, the same on <c>serve</c> (where the CLI passes them) and <c>sync</c>.</summary>
internal static class TelemetryOptions
{
    public static Option<string?> Endpoint() => new("--otel-endpoint")
    {
        Description = "host:port of an OpenTelemetry collector: traces, metrics and logs are sent there over OTLP/HTTP (HTTPS unless --otel-endpoint-insecure)",
    };

    public static Option<bool> Insecure() => new("--otel-endpoint-insecure")
    {
        Description = "send to --otel-endpoint over plain HTTP",
    };
}
