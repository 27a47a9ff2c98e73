namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>What differs between launches of <see cref="PluginProcess"/>; the CLI's own arguments are always passed.</summary>
public sealed record PluginLaunchOptions
{
    /// <summary>The executable to launch; null means the built one (<see cref="PluginBinary.Path"/>).</summary>
    public string? Executable { get; init; }

    /// <summary>Where the plugin listens.</summary>
    public PluginNetwork Network { get; init; } = PluginNetwork.Unix;

    /// <summary>Environment overrides for the plugin process; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Arguments appended after the CLI's <c>serve</c> arguments (e.g. flags a newer CLI might add).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
