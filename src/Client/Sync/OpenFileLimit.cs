using System.Runtime.InteropServices;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Keeps the number of objects read at once within the process's open-file limit (the soft <c>RLIMIT_NOFILE</c>,
/// what <c>ulimit -n</c> sets). Every object in flight holds descriptors (a file or a socket per ranged read, and a
/// spare for a retry), and the process already holds many (each loaded assembly of a framework-dependent build is
/// an open file). Past the limit every open fails at once: under <c>ulimit -n 128</c> with <c>concurrency: -1</c>
/// the sync used to die with an OutOfMemoryException from Thread.Start. So the concurrency is lowered up front.
/// </summary>
internal static partial class OpenFileLimit
{
    /// <summary>Descriptors each object in flight may hold: one for its current ranged read, one spare.</summary>
    public const int DescriptorsPerObject = 2;

    /// <summary>
    /// Descriptors kept free for everything else: assemblies loaded later, the state backend and gRPC sockets,
    /// the footer cache, log files.
    /// </summary>
    public const int Headroom = 32;

    /// <summary>
    /// The highest concurrency that fits <paramref name="softLimit"/> when <paramref name="openNow"/> descriptors are
    /// open: <paramref name="requested"/> when it fits or the limit is unknown, never below 1.
    /// </summary>
    public static int Cap(int requested, long? softLimit, int openNow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1);
        if (softLimit is not { } limit)
        {
            return requested;
        }

        var free = limit - openNow - Headroom;
        return (int)Math.Clamp(free / DescriptorsPerObject, 1, requested);
    }

    /// <summary>The soft open-file limit; null where there is none to read (Windows) or it is unlimited.</summary>
    public static long? SoftLimit()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        var resource = OperatingSystem.IsLinux() ? LinuxRlimitNoFile : MacRlimitNoFile;
        if (GetRLimit(resource, out var limit) != 0)
        {
            return null;
        }

        // RLIM_INFINITY is all ones; anything past int range is as good as unlimited here.
        return limit.Current > int.MaxValue ? null : (long)limit.Current;
    }

    /// <summary>Descriptors this process has open now (0 where that cannot be counted).</summary>
    public static int OpenDescriptors()
    {
        var folder = OperatingSystem.IsLinux() ? "/proc/self/fd" : OperatingSystem.IsMacOS() ? "/dev/fd" : null;
        try
        {
            return folder is null ? 0 : Directory.EnumerateFileSystemEntries(folder).Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private const int LinuxRlimitNoFile = 7;
    private const int MacRlimitNoFile = 8;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out RLimit limit);
}
