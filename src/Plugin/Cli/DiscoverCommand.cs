using System.CommandLine;
using System.Text;
using CqSourceS3.Client;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Logging;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>discover CONFIG.yml</c>: lists the bucket or folder of a config and reads every footer (never row data) to
/// show what a sync would do: each table's objects, bytes, rows, columns and problems, the skipped objects and the
/// ignored ones. Exit code 1 when a table has an error or an object was skipped, 2 when the config is unusable.
/// </summary>
internal static class DiscoverCommand
{
    private static readonly string[] Formats = ["table", "json", "markdown"];

    public static Command Create()
    {
        var input = new ConfigInput();
        var format = new Option<string>("--format") { Description = "table (aligned text), json (one document) or markdown", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var outputFile = new Option<FileInfo?>("--output") { Description = "Write the report to this file instead of stdout" };
        var shard = ShardOption.Create("show only the objects (or tables) that shard would read, of the tables the config selects");
        var logLevel = new Option<string?>("--log-level") { Description = "Log level on stderr: trace, debug, info, warn or error (default: no logs, the report says it all)" };
        logLevel.AcceptOnlyFromAmong(LogLevels.Names);
        var command = new Command("discover", "List the tables a config would sync (footers only) with their objects, rows, columns and problems");
        input.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(outputFile);
        command.Options.Add(shard);
        command.Options.Add(logLevel);
        input.SetAction(command, (loaded, result, console, cancellationToken) => RunAsync(
            loaded.Config, loaded.Spec,
            new Request(result.GetValue(format)!, result.GetValue(outputFile), result.GetValue(shard), result.GetValue(logLevel) is { } level ? LogLevels.Parse(level) : LogLevel.None),
            console, cancellationToken));
        return command;
    }

    private sealed record Request(string Format, FileInfo? Output, SyncShard? Shard, LogLevel LogLevel);

    private static async Task<int> RunAsync(SourceConfig config, SourceSpec spec, Request request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        // Skips and failed tables are in the report itself: logging them too would only repeat it on stderr.
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new CqLoggerProvider(new LogLineWriter(console.Error, LogFormat.Text))).SetMinimumLevel(request.LogLevel));
        await using var client = await SourceClient.CreateAsync(spec, loggers, cancellationToken).ConfigureAwait(false);
        var report = await ReportAsync(client, config, request.Shard, cancellationToken).ConfigureAwait(false);

        var location = SourceClient.DescribeLocation(spec);
        if (request.Output is null)
        {
            Write(report, request.Format, location, console.Output);
        }
        else
        {
            await using var file = new StreamWriter(request.Output.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(report, request.Format, location, file);
        }

        return report.HasProblems ? 1 : 0;
    }

    /// <summary>Everything discovered; with a shard, what the shard of a sync of the config's tables would read.</summary>
    private static async Task<DiscoveryReport> ReportAsync(SourceClient client, SourceConfig config, SyncShard? shard, CancellationToken cancellationToken)
    {
        if (shard is null)
        {
            return DiscoveryReport.From(await client.DiscoverAsync(cancellationToken).ConfigureAwait(false));
        }

        var request = new SyncRequest(config.Tables, config.SkipTables) { Shard = shard };
        var (discovery, share) = await client.DiscoverShardAsync(request, cancellationToken).ConfigureAwait(false);
        return DiscoveryReport.From(discovery, share);
    }

    private static void Write(DiscoveryReport report, string format, string location, TextWriter output)
    {
        switch (format)
        {
            case "json":
                DiscoveryReportJson.Write(report, output);
                break;
            case "markdown":
                DiscoveryReportMarkdown.Write(report, location, output);
                break;
            default:
                DiscoveryReportText.Write(report, location, output);
                break;
        }
    }
}
