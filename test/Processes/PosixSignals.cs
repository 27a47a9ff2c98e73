using System.Runtime.InteropServices;

namespace CqSourceS3.Processes;

/// <summary>
/// Sends a POSIX signal to a process. .NET can only kill (SIGKILL) a child, but the CloudQuery CLI ends a plugin with
/// an interrupt and counts any exit status but 0 as an error, so a graceful stop is what the tests check and how the
/// benchmark's soak stops the plugin.
/// </summary>
public static partial class PosixSignals
{
    /// <summary>SIGINT: what the CloudQuery CLI sends when it is done with a plugin (and Ctrl-C).</summary>
    public const int Interrupt = 2;

    /// <summary>SIGTERM: what service managers and container runtimes send.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed, e.g. because the process is gone.</exception>
    public static void Send(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
