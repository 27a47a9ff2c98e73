using CqSourceS3.Processes;
using Xunit;

namespace CqSourceS3.Tests.Shared;

/// <summary>Test assertions on a <see cref="ProcessRun"/>.</summary>
public static class ProcessRunAssertions
{
    /// <summary>Fails the test with the output when the run did not exit with 0.</summary>
    public static ProcessRun AssertSucceeded(this ProcessRun run, string what)
    {
        ArgumentNullException.ThrowIfNull(run);
        Assert.True(run.ExitCode == 0, $"{what} exited with {run.ExitCode}\nstdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
        return run;
    }
}
