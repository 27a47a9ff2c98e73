using CqSourceS3.Client;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>A call arrived in the wrong state: before Init, or while another Init/Sync holds the plugin.</summary>
internal sealed class PluginStateException(string message) : SourceException(message)
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Plugin;
}
