using System.CommandLine;
using CqSourceS3.Plugin.Cli;

// Signals belong to the gRPC host (SIGINT/SIGTERM stop it cleanly with exit 0), not to the parser.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await RootCommandFactory.Create().Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
