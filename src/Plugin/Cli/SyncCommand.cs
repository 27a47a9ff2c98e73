using System.CommandLine;
using System.Text;
using CqSourceS3.Client;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Logging;
using CqSourceS3.Plugin.Protocol;
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
        var config = new Argument<FileInfo>("config") { Description = "A CloudQuery config file (YAML) with a kind: source document" };
        var state = new Option<FileInfo?>("--state") { Description = "Keep incremental cursors in this JSON file (same semantics as a state backend): later runs read only new or changed objects" };
        var logLevel = new Option<string>("--log-level") { Description = "Log level on stderr: trace, debug, info, warn or error", DefaultValueFactory = _ => "warn" };
        logLevel.AcceptOnlyFromAmong(LogLevels.Names);
        var command = new Command("sync", "Sync the tables of a config in-process and print what the destination would receive") { config, state, logLevel };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(config)!, result.GetValue(state), LogLevels.Parse(result.GetValue(logLevel)!), result.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo configFile, FileInfo? stateFile, LogLevel logLevel, TextWriter output, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new CqLoggerProvider(new LogLineWriter(Console.Error, LogFormat.Text))).SetMinimumLevel(logLevel));
        SourceConfig config;
        SourceSpec spec;
        try
        {
            config = SourceConfig.Load(configFile.FullName);
            spec = SpecReader.Read(Encoding.UTF8.GetBytes(config.SpecJson));
        }
        catch (Exception e) when (e is ConfigException or SpecException or IOException)
        {
            await Console.Error.WriteLineAsync($"{configFile}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var report = new SyncReport(output);
        try
        {
            await using var state = stateFile is null ? null : await FileStateStore.OpenAsync(stateFile.FullName, cancellationToken).ConfigureAwait(false);
            await using var client = await SourceClient.CreateAsync(spec, loggers, cancellationToken).ConfigureAwait(false);
            var engine = client.CreateSync(state);
            await foreach (var message in engine.RunAsync(new SyncRequest(config.Tables, config.SkipTables, config.DeterministicCqId), cancellationToken).ConfigureAwait(false))
            {
                switch (message)
                {
                    case MigrateTableMessage migrate:
                        report.Migrated(ArrowIpc.DecodeSchema(SyncResponses.MigrateTable(migrate).MigrateTable.Table.Memory));
                        break;
                    case InsertMessage insert:
                        foreach (var batch in ArrowIpc.DecodeBatches(SyncResponses.Insert(insert).Insert.Record.Memory))
                        {
                            using (batch)
                            {
                                report.Inserted(batch);
                            }
                        }

                        break;
                    case TableErrorMessage error:
                        report.Failed(error.Table, error.Error);
                        break;
                }
            }

            // As with a state backend: the cursors move only once everything was read.
            if (state is not null)
            {
                await state.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            report.PrintSummary(engine.Progress, engine.Skipped);
            return report.Failures > 0 || engine.Skipped.Count > 0 ? 1 : 0;
        }
        catch (Exception e) when (e is StoreException or TableFilterException or StateStoreException or CursorStateException)
        {
            await Console.Error.WriteLineAsync($"sync failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
