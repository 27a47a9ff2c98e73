using System.CommandLine;
using CqSourceS3.Plugin.Cli;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>Runs the command line in process, as <c>Program</c> does, with stdout and stderr captured.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Errors)> InvokeAsync(string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await RootCommandFactory.Create().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        return (exitCode, output.ToString(), errors.ToString());
    }
}
