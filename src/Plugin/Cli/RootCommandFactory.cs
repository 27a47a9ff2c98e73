using System.CommandLine;

namespace CqSourceS3.Plugin.Cli;

/// <summary>The command line: <c>serve</c>, <c>info</c> and <c>--version</c>, as the Go SDK's plugins have.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create()
    {
        var root = new RootCommand("cq-source-s3: a CloudQuery source plugin that syncs Parquet objects from S3 or a local folder");
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersionAction();
        }

        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(DiscoverCommand.Create());
        root.Subcommands.Add(PackageCommand.Create());
        var info = new Command("info", "Print the plugin's package name and version");
        info.SetAction(result => result.InvocationConfiguration.Output.WriteLine(
            $"Package and version: {PluginInfo.Team}/{PluginInfo.Kind}/{PluginInfo.Name}@{PluginInfo.Version}"));
        root.Subcommands.Add(info);
        return root;
    }

    /// <summary><c>--version</c> prints the same <c>v</c>-prefixed version GetVersion returns.</summary>
    private sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(PluginInfo.Version);
            return 0;
        }
    }
}
