using CqSourceS3.Client;
using CqSourceS3.Client.Spec;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>
/// The plugin's one mutable state, with the Go SDK's semantics: Init may be called again and replaces the client;
/// Init, Sync and Close share a try-lock so an overlapping call fails at once with "plugin already in use";
/// GetTables and Sync before Init fail with "plugin not initialized".
/// </summary>
internal sealed class PluginSession(ISourceClientFactory clients) : IAsyncDisposable
{
    private readonly SemaphoreSlim _inUse = new(1, 1);
    private SourceClient? _client;
    private SourceSpec? _spec;

    /// <summary>Set by Init with <c>no_connection</c> (the CLI's migrate and tables commands): nothing may be listed.</summary>
    public bool NoConnection { get; private set; }

    /// <summary>The spec of the last successful Init.</summary>
    public SourceSpec Spec => _spec ?? throw new PluginStateException("plugin not initialized: call Init first");

    /// <summary>Fails the way the Go SDK does when a call needs Init first.</summary>
    public void EnsureInitialized() => _ = Spec;

    /// <summary>Init's <c>invocation_id</c>, which the Go SDK puts on every sync span.</summary>
    public string InvocationId { get; private set; } = "";

    public async Task InitAsync(ReadOnlyMemory<byte> spec, bool noConnection, string invocationId = "")
    {
        using var exclusive = Enter();
        var parsed = SpecReader.Read(spec.Span);
        var previous = _client;

        // With no_connection nothing is listed, so no credentials are resolved either: `cloudquery migrate` and
        // `cloudquery tables` work on machines without AWS access.
        _client = noConnection ? null : await clients.CreateAsync(parsed, CancellationToken.None).ConfigureAwait(false);
        _spec = parsed;
        NoConnection = noConnection;
        InvocationId = invocationId;
        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The current client, for calls that don't need the exclusive lock.</summary>
    public SourceClient Client => _client ?? throw new PluginStateException(_spec is null
        ? "plugin not initialized: call Init first"
        : "plugin was initialized with no_connection; call Init without it to list or sync");

    /// <summary>Takes the exclusive lock for Sync or Close, or fails at once.</summary>
    public IDisposable Enter() => _inUse.Wait(0) ? new Release(_inUse) : throw new PluginStateException("plugin already in use");

    public async Task CloseAsync()
    {
        using var exclusive = Enter();
        var client = _client;
        _client = null;
        _spec = null;
        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _inUse.Dispose();
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
