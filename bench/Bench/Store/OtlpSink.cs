using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CqSourceS3.Bench.Store;

/// <summary>
/// An OTLP/HTTP collector that keeps nothing: it answers every POST with an empty success and counts requests and
/// bytes, so the <c>local-sync-otel</c> scenario measures what exporting costs the plugin, not what a real
/// collector costs the machine.
/// </summary>
internal sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private long _requests;
    private long _bytes;

    private OtlpSink(HttpListener listener, string endpoint)
    {
        _listener = listener;
        Endpoint = endpoint;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>host:port, as <c>--otel-endpoint</c> takes it.</summary>
    public string Endpoint { get; }

    public static OtlpSink Start()
    {
        // HttpListener cannot bind port 0: take a free port from the kernel, then listen on it.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://{endpoint}/");
        listener.Start();
        return new OtlpSink(listener, endpoint);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Interlocked.Read(ref _requests):N0} requests, {Interlocked.Read(ref _bytes) / 1e6:F2} MB received");

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
                Interlocked.Add(ref _bytes, body.Length);
            }

            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
