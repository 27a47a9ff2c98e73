using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Logging;

/// <summary>The five level names the CloudQuery CLI understands, mapped to and from .NET's levels.</summary>
internal static class LogLevels
{
    /// <summary>The values <c>--log-level</c> accepts.</summary>
    public static readonly string[] Names = ["trace", "debug", "info", "warn", "error"];

    public static LogLevel Parse(string name) => name switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"log level must be one of {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// The CLI re-logs any other level (e.g. "warning", "fatal") as an error with "unknown level", so Critical
    /// maps to "error" and nothing else is ever written.
    /// </summary>
    public static string NameOf(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };
}
