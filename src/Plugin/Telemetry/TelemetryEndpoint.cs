namespace CqSourceS3.Plugin.Telemetry;

/// <summary>
/// Where OTLP/HTTP goes: <c>--otel-endpoint host:port</c> as the Go SDK takes it (no scheme, no path), over HTTPS, or
/// plain HTTP with <c>--otel-endpoint-insecure</c>. Each signal has its own path under it, as the OTLP spec says.
/// </summary>
internal sealed record TelemetryEndpoint(Uri BaseAddress)
{
    /// <summary>The endpoint of <c>--otel-endpoint</c>, or null when its value is not a host:port.</summary>
    public static TelemetryEndpoint? Parse(string endpoint, bool insecure)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var scheme = insecure ? "http" : "https";
        return Uri.TryCreate($"{scheme}://{endpoint.Trim()}/", UriKind.Absolute, out var uri)
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? new TelemetryEndpoint(uri)
            : null;
    }

    /// <summary>The URL of one signal: <c>v1/traces</c>, <c>v1/metrics</c> or <c>v1/logs</c>.</summary>
    public Uri For(string signalPath) => new(BaseAddress, signalPath);

    /// <summary>For messages: scheme, host and port, never more.</summary>
    public override string ToString() => BaseAddress.GetLeftPart(UriPartial.Authority);
}
