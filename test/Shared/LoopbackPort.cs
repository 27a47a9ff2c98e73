using System.Net;
using System.Net.Sockets;

namespace CqSourceS3.Tests.Shared;

/// <summary>Loopback TCP ports nobody listens on: for the plugin's TCP mode and for "closed port" endpoints.</summary>
public static class LoopbackPort
{
    /// <summary>A port the OS just handed out and that is closed again (nothing listens on it afterwards).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
