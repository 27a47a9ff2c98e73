namespace CqSourceS3.Plugin.Logging;

/// <summary>How log lines are written to stdout.</summary>
internal enum LogFormat
{
    /// <summary>Human-readable lines.</summary>
    Text,

    /// <summary>One zerolog-shaped JSON object per line: what the CloudQuery CLI parses.</summary>
    Json,
}
