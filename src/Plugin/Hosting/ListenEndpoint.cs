using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>
/// Turns Go-style <c>--network</c>/<c>--address</c> pairs into Kestrel listeners: <c>unix</c> with a socket path,
/// or <c>tcp</c>/<c>tcp4</c>/<c>tcp6</c> with <c>host:port</c> (<c>[::1]:port</c>, <c>:port</c> for every interface).
/// </summary>
internal static class ListenEndpoint
{
    public static readonly string[] Networks = ["tcp", "tcp4", "tcp6", "unix"];

    public static void Configure(KestrelServerOptions kestrel, string network, string address)
    {
        if (network == "unix")
        {
            kestrel.ListenUnixSocket(address, Http2Only);
            return;
        }

        var (host, port) = SplitHostPort(address);
        foreach (var ip in Resolve(host, network))
        {
            kestrel.Listen(ip, port, Http2Only);
        }
    }

    internal static (string Host, int Port) SplitHostPort(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"--address \"{address}\" is not host:port (e.g. localhost:7777, 127.0.0.1:0, [::1]:7777)");
        }

        var host = address[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return (host, port);
    }

    private static IPAddress[] Resolve(string host, string network)
    {
        var wantV4 = network != "tcp6";
        var wantV6 = network != "tcp4";
        if (host.Length == 0)
        {
            return wantV6 ? [IPAddress.IPv6Any] : [IPAddress.Any];
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        // Like Go, "localhost" means loopback; one address is enough for port 0 (both would get different ports).
        var addresses = host == "localhost"
            ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : Dns.GetHostAddresses(host);
        var chosen = addresses
            .Where(a => (wantV4 && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                || (wantV6 && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            .Take(1)
            .ToArray();
        return chosen.Length > 0 ? chosen : throw new ArgumentException($"--address host \"{host}\" has no {network} address");
    }

    private static void Http2Only(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions options) => options.Protocols = HttpProtocols.Http2;
}
