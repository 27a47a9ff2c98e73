using System.CommandLine;
using CqSourceS3.Plugin.Cli;

// Signals belong to the gRPC host (SIGINT/SIGTERM stop it cleanly with exit 0), not to the parser. Failures no
// command handled become one line for the user (UnexpectedFailure), never the parser's stack trace.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
try
{
    return await RootCommandFactory.Create().Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
}
catch (Exception e)
{
    return UnexpectedFailure.Report(e, configuration.Error);
}
