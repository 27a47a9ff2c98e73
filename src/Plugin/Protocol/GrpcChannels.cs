using System.Net.Sockets;
using Grpc.Net.Client;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>
/// Opens cleartext HTTP/2 channels to another plugin from a CloudQuery connection string: <c>unix:///abs/path.sock</c>
/// (what the CLI passes for plugins it spawned) or a bare <c>host:port</c>.
/// </summary>
internal static class GrpcChannels
{
    /// <summary>The Go SDK's state client limit.</summary>
    public const int MaxMessageBytes = 100 * 1024 * 1024;

    public static GrpcChannel Open(string connection, int maxMessageBytes = MaxMessageBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = maxMessageBytes, MaxSendMessageSize = maxMessageBytes };
        if (connection.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = connection["unix://".Length..];
            options.HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return GrpcChannel.ForAddress("http://localhost", options);
        }

        var address = connection.Contains("://", StringComparison.Ordinal) ? connection : "http://" + connection;
        return GrpcChannel.ForAddress(address, options);
    }
}
