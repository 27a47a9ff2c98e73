using System.CommandLine;
using CqSourceS3.Plugin.Cli;
using CqSourceS3.Plugin.Native;

// Signals belong to the gRPC host (SIGINT/SIGTERM stop it cleanly with exit 0), not to the parser. A failure no
// command reported itself becomes one line (CommandFailure), never the parser's stack trace.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
try
{
    EmbeddedNativeLibrary.Register();
    return await RootCommandFactory.Create().Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
}
catch (Exception e)
{
    return CommandFailure.Report("cq-source-s3", e, configuration.Error);
}
