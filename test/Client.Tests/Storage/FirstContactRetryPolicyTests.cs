using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Storage;

/// <summary>
/// An endpoint that cannot be connected to before it ever answered is reported after one attempt, not after the
/// SDK's four jittered retries; once it has answered, the same failure is retried as before. Connection attempts are
/// counted where the HTTP handler opens its sockets, so nothing is timed.
/// </summary>
public sealed class FirstContactRetryPolicyTests
{
    private static readonly BasicAWSCredentials Credentials = new("AKIACQTESTRETRY00000", "retry-test-secret");

    [Fact]
    public async Task CreateAsync_AnyS3Options_BuildsTheFirstContactClient()
    {
        var (client, _) = await S3ClientFactory.CreateAsync(Options(LoopbackPort.Free(), maxErrorRetry: 4), CancellationToken.None);
        using (client)
        {
            Assert.IsType<FirstContactS3Client>(client);
        }
    }

    [Fact]
    public async Task ListObjects_ClosedLoopbackPortNeverAnswered_OneConnectionAttemptOnly()
    {
        var connections = new CountingHttpClientFactory();
        using var client = CreateClient(LoopbackPort.Free(), maxErrorRetry: 4, connections);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "b" }));

        Assert.True(FirstContactRetryPolicy.IsConnectFailure(error), error.ToString());
        Assert.Equal(1, connections.Attempts);
        Assert.False(client.RetryPolicy.EndpointAnswered);
    }

    [Fact]
    public async Task ListObjects_RefusedAfterTheEndpointAnswered_RetriedAsTheStandardPolicyDoes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = new CountingHttpClientFactory();
        using var client = CreateClient(((IPEndPoint)listener.LocalEndpoint).Port, maxErrorRetry: 2, connections);
        var answer = AnswerOneListingAsync(listener);
        await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "b" });
        await answer;
        listener.Stop();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "b" }));

        Assert.True(client.RetryPolicy.EndpointAnswered);
        // The answered listing, then the refused one with its two retries.
        Assert.Equal(1 + 1 + 2, connections.Attempts);
    }

    [Fact]
    public async Task CheckAccess_ClosedLoopbackPort_UnreachableNamingBucketAndEndpoint()
    {
        var port = LoopbackPort.Free();
        var options = new S3StoreOptions("my-bucket", "us-east-1", $"http://127.0.0.1:{port}", UsePathStyle: true) { Credentials = Credentials };
        await using var store = await S3ObjectStore.CreateAsync(options, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.CheckAccessAsync("", CancellationToken.None));

        Assert.Equal(StoreFailure.Unreachable, error.Failure);
        Assert.Equal($"cannot reach endpoint http://127.0.0.1:{port} (region us-east-1) for s3://my-bucket (HttpRequestException): check endpoint and network", error.Message);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, true)]
    [InlineData(SocketError.HostNotFound, true)]
    [InlineData(SocketError.NetworkUnreachable, true)]
    [InlineData(SocketError.ConnectionReset, false)]
    [InlineData(SocketError.TimedOut, false)]
    public void IsConnectFailure_BySocketErrorCode(SocketError code, bool expected)
    {
        var error = new AmazonClientException("wrapped", new HttpRequestException("x", new SocketException((int)code)));

        Assert.Equal(expected, FirstContactRetryPolicy.IsConnectFailure(error));
    }

    [Fact]
    public void IsConnectFailure_NameResolutionWithoutSocketException_True()
    {
        Assert.True(FirstContactRetryPolicy.IsConnectFailure(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
    }

    [Fact]
    public void IsConnectFailure_ServiceErrorOrTimeout_False()
    {
        Assert.False(FirstContactRetryPolicy.IsConnectFailure(new AmazonS3Exception("slow down", null, ErrorType.Sender, "SlowDown", "r", HttpStatusCode.ServiceUnavailable)));
        Assert.False(FirstContactRetryPolicy.IsConnectFailure(new TaskCanceledException("timeout", new TimeoutException())));
    }

    private static S3StoreOptions Options(int port, int maxErrorRetry) =>
        new("b", "us-east-1", $"http://127.0.0.1:{port}", UsePathStyle: true) { Credentials = Credentials, MaxErrorRetry = maxErrorRetry };

    /// <summary>The client the factory would build, with the factory's settings, over a connection-counting HTTP client.</summary>
    private static FirstContactS3Client CreateClient(int port, int maxErrorRetry, CountingHttpClientFactory connections)
    {
        var options = Options(port, maxErrorRetry);
        var config = S3ClientFactory.CreateConfig(options, new Uri(options.Endpoint!), options.Region!);
        config.HttpClientFactory = connections;
        return new FirstContactS3Client(Credentials, config);
    }

    /// <summary>Accepts one connection and answers its request with an empty listing, then closes it.</summary>
    private static async Task AnswerOneListingAsync(TcpListener listener)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" +
            "<Name>b</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>";
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
    }

    /// <summary>HTTP clients that count every TCP connection they try to open, refused or not.</summary>
    private sealed class CountingHttpClientFactory : HttpClientFactory
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    Interlocked.Increment(ref _attempts);
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler);
        }

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
