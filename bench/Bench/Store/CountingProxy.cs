using System.Net;
using System.Net.Sockets;

namespace CqSourceS3.Bench.Store;

/// <summary>
/// A loopback TCP relay in front of the S3 endpoint that counts the bytes the server sends back, so "bytes fetched
/// from the store" is measured on the wire (bodies plus HTTP headers) whatever the client does internally. With a
/// <see cref="TokenBucket"/> it also holds those bytes to the bucket's rate, all connections together, as a network
/// link between the client and the store would (issue #21's 1 Gbit/s).
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    /// <summary>The fast path's buffer, as Stream.CopyToAsync sizes its own.</summary>
    private const int CopyBytes = 81920;

    /// <summary>Chunks of a limited link: small enough that one connection's chunk never holds the others up long.</summary>
    private const int LimitedCopyBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly TokenBucket? _limit;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private long _bytesFromServer;

    /// <param name="upstream">The S3 server.</param>
    /// <param name="limit">The rate of the bytes the server sends back, shared by all connections; null: no limit.</param>
    public CountingProxy(IPEndPoint upstream, TokenBucket? limit = null)
    {
        _upstream = upstream;
        _limit = limit;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>The endpoint URL clients use instead of the server's.</summary>
    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public long BytesFromServer => Interlocked.Read(ref _bytesFromServer);

    public void Reset() => Interlocked.Exchange(ref _bytesFromServer, 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                server.NoDelay = true;
                await server.ConnectAsync(_upstream, cancellationToken).ConfigureAwait(false);
                var clientStream = client.GetStream();
                var serverStream = server.GetStream();
                var upstream = CopyAsync(clientStream, serverStream, count: false, cancellationToken);
                var downstream = CopyAsync(serverStream, clientStream, count: true, cancellationToken);
                await Task.WhenAny(upstream, downstream).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A connection closed by either side ends the relay; the count so far stays.
            }
        }
    }

    private async Task CopyAsync(Stream from, Stream to, bool count, CancellationToken cancellationToken)
    {
        // Only the server's direction is limited: requests are small, and a link's rate is about the bodies.
        var limit = count ? _limit : null;
        var buffer = new byte[limit is null ? CopyBytes : LimitedCopyBytes];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (count)
                {
                    Interlocked.Add(ref _bytesFromServer, read);
                }

                if (limit is not null)
                {
                    await limit.TakeAsync(read, cancellationToken).ConfigureAwait(false);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            // Half-close so the other side sees the end of this direction (HTTP keep-alive relies on it less, but
            // a server closing after a response must reach the client).
            to.Close();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
