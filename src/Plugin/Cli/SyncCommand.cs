using System.CommandLine;
using CqSourceS3.Client;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Client.Telemetry;
using CqSourceS3.Plugin.Logging;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Plugin.Telemetry;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>sync CONFIG.yml</c>: runs the plugin's sync in-process, without a CloudQuery CLI, on the same path the gRPC
/// Sync uses (the same messages, encoded to the same Arrow IPC bytes and decoded back), then prints sample rows and
/// a summary per table. Exit code 1 when a table failed or an object was skipped, 2 when the config is unusable.
/// </summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var input = new ConfigInput();
        var state = new Option<FileInfo?>("--state") { Description = "Keep incremental cursors in this JSON file (same semantics as a state backend): later runs read only new or changed objects" };
        var outputFolder = new Option<DirectoryInfo?>("--output") { Description = "Write each table's rows to DIR/<table>.parquet, as the destination would receive them" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the tables and objects a sync would read (after the cursor), read nothing and change no state" };
        var shard = ShardOption.Create("read only the shard's objects and keep the shard's own cursors");
        var logLevel = new Option<string>("--log-level") { Description = "Log level on stderr: trace, debug, info, warn or error", DefaultValueFactory = _ => "warn" };
        logLevel.AcceptOnlyFromAmong(LogLevels.Names);
        var otelEndpoint = TelemetryOptions.Endpoint();
        var otelInsecure = TelemetryOptions.Insecure();
        var command = new Command("sync", "Sync the tables of a config in-process and print what the destination would receive");
        input.AddTo(command);
        command.Options.Add(state);
        command.Options.Add(outputFolder);
        command.Options.Add(dryRun);
        command.Options.Add(shard);
        command.Options.Add(logLevel);
        command.Options.Add(otelEndpoint);
        command.Options.Add(otelInsecure);
        input.SetAction(command, (loaded, result, console, cancellationToken) => RunAsync(
            loaded.Config, loaded.Spec,
            new SyncCommandOptions(result.GetValue(state), result.GetValue(outputFolder), result.GetValue(dryRun), result.GetValue(shard), LogLevels.Parse(result.GetValue(logLevel)!))
            {
                OtelEndpoint = result.GetValue(otelEndpoint),
                OtelEndpointInsecure = result.GetValue(otelInsecure),
            },
            console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SourceConfig config, SourceSpec spec, SyncCommandOptions options, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        // Progress is redrawn in place only on a real terminal; a test's or a pipe's writer gets plain lines.
        var terminal = ReferenceEquals(console.Error, Console.Error) && !Console.IsErrorRedirected;
        // Declared first, disposed last: the log records and the sync span are done before the export flushes.
        using var telemetry = TelemetryExport.Create(options.OtelEndpoint, options.OtelEndpointInsecure, console.Error);
        using var loggers = LoggerFactory.Create(b =>
        {
            b.AddProvider(new CqLoggerProvider(new LogLineWriter(console.Error, LogFormat.Text))).SetMinimumLevel(options.LogLevel);
            telemetry.AddLogging(b);
        });
        telemetry.UseLogging(loggers.CreateLogger<TelemetryExport>(), logs: null);
        using var span = options.DryRun ? null : SyncTelemetry.StartSync(Guid.NewGuid().ToString());
        try
        {
            return await SyncAsync(config, spec, options, loggers, console, terminal, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // As serve's Sync: a run that ends in an error (not a table error, which the summary reports and exit
            // code 1 tells) fails its span, with what the command prints for it. The span ends before the export
            // flushes, since it was started after the export.
            SyncTelemetry.RecordError(span, new SyncFailedException(CommandFailure.Describe(e)));
            throw;
        }
    }

    /// <summary>Opens the state and the client, runs the sync (or its dry run) and prints the report; returns the exit code.</summary>
    private static async Task<int> SyncAsync(
        SourceConfig config, SourceSpec spec, SyncCommandOptions options, ILoggerFactory loggers, InvocationConfiguration console, bool terminal, CancellationToken cancellationToken)
    {
        var output = console.Output;
        await using var state = options.State is null ? null : await SyncTelemetry.TraceAsync(SyncTelemetry.StateReadSpan, _ => FileStateStore.OpenAsync(options.State.FullName, cancellationToken)).ConfigureAwait(false);
        await using var client = await SourceClient.CreateAsync(spec, loggers, cancellationToken).ConfigureAwait(false);
        var request = new SyncRequest(config.Tables, config.SkipTables, config.DeterministicCqId) { Shard = options.Shard };
        if (options.DryRun)
        {
            return DryRunReport.Print(await client.PlanAsync(request, state, cancellationToken).ConfigureAwait(false), output);
        }

        var run = client.StartSync(request, state);
        var report = new SyncReport(output);
        var files = options.Output is null ? null : new TableFileWriter(options.Output.FullName);
        try
        {
            await using (new SyncProgressDisplay(run, console.Error, terminal))
            {
                // As with a state backend: the cursors move only once everything was received, and the
                // --output files are complete (closing writes each file's footer) before they do.
                await run.ExecuteAsync(
                    (message, _) => Receive(message, report, files),
                    _ =>
                    {
                        files?.Dispose();
                        return ValueTask.CompletedTask;
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            files?.Dispose();
        }

        report.PrintSummary(run.Progress, run.Skipped, run.Share);
        foreach (var (table, path) in files?.Files ?? new Dictionary<string, string>())
        {
            output.WriteLine($"wrote {table}: {path}");
        }

        return report.Failures > 0 || run.Skipped.Count > 0 ? 1 : 0;
    }

    /// <summary>Takes one message the gRPC Sync would send, encoded to the same IPC bytes and decoded back.</summary>
    private static ValueTask Receive(SyncMessage message, SyncReport report, TableFileWriter? files)
    {
        switch (message)
        {
            case MigrateTableMessage migrate:
                report.Migrated(ArrowIpc.DecodeSchema(SyncResponses.MigrateTable(migrate).MigrateTable.Table.Memory));
                break;
            case InsertMessage insert:
                // The decoded batches are views over the insert's bytes, which the run frees after this returns.
                foreach (var batch in ArrowIpc.DecodeBatches(SyncResponses.Insert(insert).Insert.Record.Memory))
                {
                    using (batch)
                    {
                        report.Inserted(batch);
                        files?.Write(insert.Table, batch);
                    }
                }

                break;
            case TableErrorMessage error:
                report.Failed(error.Table, error.Error);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private sealed record SyncCommandOptions(FileInfo? State, DirectoryInfo? Output, bool DryRun, SyncShard? Shard, LogLevel LogLevel)
    {
        public string? OtelEndpoint { get; init; }

        public bool OtelEndpointInsecure { get; init; }
    }
}
