using System.Runtime.InteropServices;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// Sends SIGINT to the plugin. .NET can only kill (SIGKILL) a child, but the CloudQuery CLI ends a plugin with an
/// interrupt and counts any exit status but 0 as an error, so that is how the soak stops it.
/// </summary>
internal static partial class PosixSignals
{
    private const int SigInt = 2;

    public static void Interrupt(int processId)
    {
        if (Kill(processId, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGINT) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
