using CqSourceS3.Processes;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>The two signals a plugin must stop cleanly on.</summary>
public enum PluginSignal
{
    /// <summary>SIGINT: what the CloudQuery CLI sends when it is done with a plugin (and Ctrl-C).</summary>
    Interrupt = PosixSignals.Interrupt,

    /// <summary>SIGTERM: what service managers and container runtimes send.</summary>
    Terminate = PosixSignals.Terminate,
}
