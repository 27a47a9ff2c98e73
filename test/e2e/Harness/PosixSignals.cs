using System.Runtime.InteropServices;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// Sends a POSIX signal to a process. .NET can only kill (SIGKILL) a child, but a graceful stop is what is tested.
/// </summary>
internal static partial class PosixSignals
{
    public static void Send(int processId, PluginSignal signal)
    {
        if (Kill(processId, (int)signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
