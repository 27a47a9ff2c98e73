namespace CqSourceS3.Plugin.Telemetry;

/// <summary>
/// A failed sync as its user is told it (serve: the status detail the CLI gets; <c>sync</c>: what it prints after
/// <c>sync failed:</c>), recorded on the <c>sync</c> span instead of the error itself, whose raw message an
/// unexpected failure could carry a secret in.
/// </summary>
internal sealed class SyncFailedException(string message) : Exception(message);
