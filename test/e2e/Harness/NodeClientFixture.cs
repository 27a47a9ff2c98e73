using Xunit.Sdk;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>Runs <c>npm ci</c> for the JS client when its node_modules is missing or stale; fails loudly without node.</summary>
public sealed class NodeClientFixture(IMessageSink sink) : IAsyncLifetime
{
    public Task InitializeAsync() =>
        NodeModules.EnsureInstalledAsync(message => sink.OnMessage(new DiagnosticMessage(message)), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;
}
