using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CqSourceS3.Processes;

/// <summary>
/// Starts a server as a child process and waits until it accepts connections, the way the CloudQuery CLI waits for a
/// local plugin it launched: connect to its address again and again until a connection is accepted, and give up early
/// when the process has exited. The end-to-end tests' plugin harness and the benchmark both start the plugin so.
/// </summary>
public static class ServingProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> with <paramref name="environment"/> applied (see <see cref="ChildEnvironment"/>).
    /// Take <see cref="Stopwatch.GetTimestamp"/> just before, for <see cref="WaitUntilAcceptingAsync"/>.
    /// </summary>
    public static Process Start(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(start);
        ChildEnvironment.Apply(start, environment);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
    }

    /// <summary>
    /// Tries to connect to <paramref name="endPoint"/> every <paramref name="pollInterval"/> until a connection is
    /// accepted, and returns the time from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp taken
    /// before the process started) until then. The poll interval is the granularity of that time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process exited before accepting a connection.</exception>
    /// <exception cref="TimeoutException">No connection was accepted within <paramref name="limit"/> of the start.</exception>
    public static async Task<TimeSpan> WaitUntilAcceptingAsync(
        Process process, EndPoint endPoint, long startedAt, TimeSpan limit, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(endPoint);
        while (!await AcceptsConnectionAsync(endPoint, cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(process)} exited with code {process.ExitCode} before accepting connections on {endPoint}"));
            }

            if (Stopwatch.GetElapsedTime(startedAt) > limit)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(process)} did not accept connections on {endPoint} within {limit.TotalSeconds:0} s"));
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(startedAt);
    }

    private static string Describe(Process process) => $"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}";

    private static async Task<bool> AcceptsConnectionAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var unix = endPoint is UnixDomainSocketEndPoint;
        if (unix && !File.Exists(endPoint.ToString()))
        {
            return false;
        }

        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, unix ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
