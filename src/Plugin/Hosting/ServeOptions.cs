using CqSourceS3.Plugin.Logging;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>What <c>serve</c> was asked to do; the same flags as the Go SDK's serve command.</summary>
internal sealed record ServeOptions
{
    public string Address { get; init; } = "localhost:7777";

    /// <summary><c>tcp</c>, <c>tcp4</c>, <c>tcp6</c> or <c>unix</c>.</summary>
    public string Network { get; init; } = "tcp";

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Accepted for compatibility with the CLI's argv; this plugin sends no telemetry.</summary>
    public bool NoSentry { get; init; }

    /// <summary>host:port of an OTLP/HTTP collector for traces, metrics and logs; null exports nothing.</summary>
    public string? OtelEndpoint { get; init; }

    /// <summary>Plain HTTP to <see cref="OtelEndpoint"/> instead of HTTPS.</summary>
    public bool OtelEndpointInsecure { get; init; }

    /// <summary>Accepted for compatibility; this plugin needs no licence.</summary>
    public string? License { get; init; }
}
