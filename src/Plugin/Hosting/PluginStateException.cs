namespace CqSourceS3.Plugin.Hosting;

/// <summary>A call arrived in the wrong state: before Init, or while another Init/Sync holds the plugin.</summary>
internal sealed class PluginStateException(string message) : Exception(message);
