using System.Diagnostics;
using System.Text;
using Xunit;

namespace CqSourceS3.Tests.Shared;

/// <summary>A finished run of an executable: exit code and its whole stdout and stderr.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// Runs <paramref name="executable"/> in <paramref name="workingDirectory"/> to completion, killing it and failing
    /// after <paramref name="limit"/> (a publish takes about a minute; a sync of the sample data a few seconds).
    /// </summary>
    public static async Task<ProcessRun> StartAsync(string executable, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Fails the test with the output when the run did not exit with 0.</summary>
    public ProcessRun AssertSucceeded(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}
