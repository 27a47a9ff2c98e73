using System.Reflection;

namespace CqSourceS3.Plugin;

/// <summary>Who this plugin is, as GetName, GetVersion, `info` and the Hub package report it.</summary>
internal static class PluginInfo
{
    /// <summary>The name the CLI and the Hub package use (<c>plugin-s3-…</c>).</summary>
    public const string Name = "s3";

    public const string Kind = "source";

    public const string Team = "cq-source-s3";

    /// <summary>The <c>module</c> field of every JSON log line, like the Go SDK's <c>&lt;name&gt;-&lt;kind&gt;</c>.</summary>
    public const string LogModule = "s3-source";

    /// <summary>The build version, <c>v</c>-prefixed as CloudQuery requires (e.g. <c>v0.1.0</c>).</summary>
    public static string Version { get; } = "v" + (typeof(PluginInfo).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").TrimStart('v');
}
