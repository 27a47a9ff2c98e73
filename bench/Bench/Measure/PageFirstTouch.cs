using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CqSourceS3.Bench.Measure;

/// <summary>
/// What one first write to a page of fresh memory costs this machine in CPU: the bench maps 64 MiB it has never used,
/// writes one byte into each page, and divides its own CPU time by the minor faults that took. Every process pays it
/// for each page its work needs, once, so M shards of one sync pay it M times where one process pays it once; the
/// shard paragraph of the results weighs the shards' extra faults with it.
/// </summary>
/// <remarks>
/// On a machine whose guest kernel handles page faults in hardware this is a fraction of a microsecond; under a
/// paravirtualized hypervisor with shadow page tables, such as the one the bench first ran on, it is about 11 µs.
/// </remarks>
internal static class PageFirstTouch
{
    public const string Scenario = "page-first-touch";

    private const int Pages = 16 * 1024;

    /// <summary>Rows are pages written here; the measured CPU is the bench process's own.</summary>
    public static Measurement Measure()
    {
        var pageSize = Environment.SystemPageSize;
        var bytes = (nint)Pages * pageSize;
        // Far above the C library's mmap threshold: the allocation gets pages straight from the kernel, none used before.
        var memory = Marshal.AllocHGlobal(bytes);
        try
        {
            var faultsBefore = ProcessProbe.MinorFaults(Environment.ProcessId);
            var cpuBefore = ProcessProbe.OwnCpuSeconds();
            var clock = Stopwatch.StartNew();
            for (nint offset = 0; offset < bytes; offset += pageSize)
            {
                Marshal.WriteByte(memory, (int)offset, 1);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = ProcessProbe.OwnCpuSeconds() - cpuBefore;
            return new Measurement(Scenario, seconds, Pages, ParquetBytes: 0, PeakRssBytes: null, BytesFetched: null, CpuSeconds: cpu)
            {
                MinorFaults = ProcessProbe.MinorFaults(Environment.ProcessId) - faultsBefore,
            };
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }
}
