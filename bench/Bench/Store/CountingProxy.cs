using System.Net;
using System.Net.Sockets;

namespace CqSourceS3.Bench.Store;

/// <summary>
/// A loopback TCP relay in front of the S3 endpoint that counts the bytes the server sends back, so "bytes fetched
/// from the store" is measured on the wire (bodies plus HTTP headers) whatever the client does internally.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private long _bytesFromServer;

    public CountingProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
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
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (count)
                {
                    Interlocked.Add(ref _bytesFromServer, read);
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
