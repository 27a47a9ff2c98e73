using System.Globalization;

namespace CqSourceS3.Bench.Measure;

/// <summary>
/// Reads a live process's peak resident set (<c>VmHWM</c> in <c>/proc/PID/status</c>) and the bytes it has read
/// through system calls (<c>rchar</c> in <c>/proc/PID/io</c>). Both vanish with the process, so they are read
/// after the work and before the process is stopped. Linux only; elsewhere the figures are null.
/// </summary>
internal static class ProcessProbe
{
    /// <summary>USER_HZ: Linux reports process times in 1/100 s on every architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    public static long? PeakRssBytes(int pid)
    {
        var kilobytes = ReadField($"/proc/{pid}/status", "VmHWM:");
        return kilobytes * 1024;
    }

    /// <summary>
    /// Bytes read by read-like calls: files, pipes and sockets alike. For a local-folder sync that is the Parquet
    /// bytes plus the small gRPC requests; page-cache hits count too, so it is what the plugin asked for, not disk I/O.
    /// </summary>
    public static long? ReadCharacters(int pid) => ReadField($"/proc/{pid}/io", "rchar:");

    /// <summary>
    /// User plus system CPU seconds the process has used (<c>utime</c> + <c>stime</c> of <c>/proc/PID/stat</c>, in
    /// clock ticks of 1/100 s): CPU seconds over wall seconds tells how many of the cores a run kept busy.
    /// </summary>
    public static double? CpuSeconds(int pid) =>
        StatFields(pid) is { } fields
            ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond
            : null;

    /// <summary>
    /// Minor page faults of the process so far (<c>minflt</c> of <c>/proc/PID/stat</c>): almost all of them are the
    /// first write to a page of fresh memory, which the kernel must find, zero and map.
    /// </summary>
    public static long? MinorFaults(int pid) => StatFields(pid) is { } fields ? long.Parse(fields[7], CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The bench's own CPU seconds. Over a scenario's span that is the work it measures on its side: the gRPC client
    /// decoding every Insert, the SDK's requests of a baseline, and the counting proxy that S3 traffic passes through.
    /// </summary>
    public static double OwnCpuSeconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    // The fields of /proc/PID/stat after the command name, the first one (state) at index 0.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? ReadField(string path, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone or the file is unreadable: no figure rather than a wrong one.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
