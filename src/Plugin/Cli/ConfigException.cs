using CqSourceS3.Client;

namespace CqSourceS3.Plugin.Cli;

/// <summary>The config file cannot be used; the message names the file and the problem (and where in it, when known).</summary>
internal sealed class ConfigException(string message) : SourceException(message)
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Configuration;
}
