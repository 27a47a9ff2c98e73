using System.Diagnostics;
using System.Text;

namespace CqSourceS3.Processes;

/// <summary>
/// A finished run of an executable: exit code and its whole stdout and stderr. Free of a test framework like the
/// rest of this project, so the Swift launcher and the benchmark run processes the way the tests do.
/// </summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// Runs <paramref name="executable"/> in <paramref name="workingDirectory"/> to completion, killing it and failing
    /// after <paramref name="limit"/> (a publish takes about a minute; a sync of the sample data a few seconds), or
    /// killing it when <paramref name="cancellationToken"/> fires. An executable missing from PATH fails with
    /// <paramref name="whenMissing"/>, which says what to install. <paramref name="environment"/> sets (or, with a null
    /// value, removes) variables of the child only.
    /// </summary>
    public static async Task<ProcessRun> StartAsync(
        string executable, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        string? whenMissing = null, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
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

        ChildEnvironment.Apply(start, environment);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{executable}' was not found on PATH{(whenMissing is null ? "" : ": " + whenMissing)}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s");
            }

            return new ProcessRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    /// <summary>Standard output split into lines, without the empty line after the last newline.</summary>
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    /// <summary>Standard error split into lines.</summary>
    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    private static string[] Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}
