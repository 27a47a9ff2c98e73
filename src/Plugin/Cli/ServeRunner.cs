using CqSourceS3.Plugin.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Cli;

/// <summary>Runs the server until SIGINT/SIGTERM; exit code 0 on a clean stop, 1 when it cannot start.</summary>
internal static partial class ServeRunner
{
    public static async Task<int> RunAsync(ServeOptions options, IReadOnlyList<string> ignoredArguments, CancellationToken cancellationToken)
    {
        PluginServer server;
        try
        {
            server = await PluginServer.StartAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ArgumentException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // Logging is not up yet: say it on stderr, which the CLI shows on the terminal.
            await Console.Error.WriteLineAsync($"cq-source-s3: cannot listen on {options.Network} {options.Address}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            if (ignoredArguments.Count > 0)
            {
                LogIgnoredArguments(server.Logger, string.Join(" ", ignoredArguments));
            }

            await server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Ignoring unknown serve arguments: {Arguments}")]
    private static partial void LogIgnoredArguments(ILogger logger, string arguments);
}
