namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>How the plugin is served: on a unix socket (what the CLI does for local plugins) or on loopback TCP.</summary>
public enum PluginNetwork
{
    /// <summary><c>--network unix --address $TMPDIR/cq-&lt;16 letters&gt;.sock</c>.</summary>
    Unix,

    /// <summary><c>--network tcp --address 127.0.0.1:&lt;free port&gt;</c>.</summary>
    Tcp,
}
