namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>The two signals a plugin must stop cleanly on.</summary>
public enum PluginSignal
{
    /// <summary>SIGINT: what the CloudQuery CLI sends when it is done with a plugin (and Ctrl-C).</summary>
    Interrupt = 2,

    /// <summary>SIGTERM: what service managers and container runtimes send.</summary>
    Terminate = 15,
}
