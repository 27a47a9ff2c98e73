using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Telemetry;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Protocol.Discovery.V1;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.State;

/// <summary>
/// The state client of the Go plugin SDK, in C#: it keeps the sync's state in a table of another CloudQuery plugin
/// (a destination that implements Read), loading all of it at connect time and writing the changed keys back in
/// one insert per flush. Same table, same versions, same RPCs, so a backend table can move between plugins.
/// </summary>
internal sealed class GrpcStateStore : IStateStore
{
    /// <summary>How long connecting (GetVersions, MigrateTable, Read) may take before the sync gives up.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    private const int Protocol = 3;

    private readonly GrpcChannel _channel;
    private readonly PluginClient _plugin;
    private readonly StateBackendOptions _backend;
    private readonly Schema _schema;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StateEntry> _entries;
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    private GrpcStateStore(GrpcChannel channel, StateBackendOptions backend, Schema schema, Dictionary<string, StateEntry> entries)
    {
        _channel = channel;
        _plugin = new PluginClient(channel);
        _backend = backend;
        _schema = schema;
        _entries = entries;
    }

    /// <summary>
    /// The state store for a sync request: <see cref="NoStateStore"/> without backend options, else a connected
    /// <see cref="GrpcStateStore"/>. Call it before sending any data so a broken backend fails the sync early.
    /// </summary>
    /// <exception cref="StateStoreException">Incomplete options, or the backend cannot be used.</exception>
    public static async Task<IStateStore> OpenAsync(Sync.Types.BackendOptions? backend, CancellationToken ct)
    {
        var options = StateBackendOptions.From(backend);
        return options is null
            ? NoStateStore.Instance
            : await SyncTelemetry.TraceAsync(SyncTelemetry.StateReadSpan, _ => ConnectAsync(options, DefaultConnectTimeout, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the backend speaks protocol 3, creates the state table (MigrateTable on its own Write stream) and
    /// reads every state row, all within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="StateStoreException">The backend is unreachable, too old, or fails a step.</exception>
    public static async Task<GrpcStateStore> ConnectAsync(StateBackendOptions backend, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(backend);
        GrpcChannel channel;
        try
        {
            channel = GrpcChannels.Open(backend.Connection);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            throw StateBackendErrors.BadConnection(backend, e);
        }

        var schema = StateTable.Schema(backend.TableName);
        var table = UnsafeByteOperations.UnsafeWrap(ArrowIpc.EncodeSchema(schema));
        var call = new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: ct);
        var step = "GetVersions";
        try
        {
            var versions = await new Discovery.DiscoveryClient(channel).GetVersionsAsync(new GetVersions.Types.Request(), call).ConfigureAwait(false);
            if (!versions.Versions.Contains(Protocol))
            {
                throw StateBackendErrors.NoProtocol3(backend, versions.Versions);
            }

            var plugin = new PluginClient(channel);
            step = "MigrateTable of the state table";
            await WriteAsync(plugin, new Write.Types.Request { MigrateTable = new Write.Types.MessageMigrateTable { Table = table } }, call).ConfigureAwait(false);
            step = "Read of the state table";
            var entries = await ReadAllAsync(plugin, table, call).ConfigureAwait(false);
            return new GrpcStateStore(channel, backend, schema, entries);
        }
        catch (Exception e)
        {
            channel.Dispose();
            var translated = Translate(e, backend, step, timeout, ct);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }

            throw translated;
        }
    }

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry.Value : null);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Like Go, a value equal to the current one changes nothing, and an absent key counts as "": setting "" on it
    /// is not recorded.
    /// </remarks>
    public Task SetAsync(string key, string value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            var current = _entries.GetValueOrDefault(key, new StateEntry("", 0));
            if (current.Value != value)
            {
                _entries[key] = new StateEntry(value, current.Version + 1);
                _dirty.Add(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One insert on a new Write stream, as Go sends it, even with no changes (a 0-row record). A key set again
    /// while the flush is in flight stays pending for the next flush.
    /// </remarks>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            KeyValuePair<string, StateEntry>[] changed;
            lock (_lock)
            {
                changed = [.. _dirty.Select(key => KeyValuePair.Create(key, _entries[key]))];
            }

            byte[] record;
            using (var batch = StateTable.Rows(_schema, changed))
            {
                record = ArrowIpc.EncodeBatch(batch);
            }

            var insert = new Write.Types.Request { Insert = new Write.Types.MessageInsert { Record = UnsafeByteOperations.UnsafeWrap(record) } };
            try
            {
                await WriteAsync(_plugin, insert, new CallOptions(cancellationToken: ct)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var translated = Translate(e, _backend, $"Flush (insert of {changed.Length} state rows)", DefaultConnectTimeout, ct);
                if (ReferenceEquals(translated, e))
                {
                    throw;
                }

                throw translated;
            }

            lock (_lock)
            {
                foreach (var (key, flushed) in changed)
                {
                    if (_entries[key].Version == flushed.Version)
                    {
                        _dirty.Remove(key);
                    }
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Closes the connection only: like Go, no Close RPC, since the backend belongs to the CLI.</summary>
    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        _flushing.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task WriteAsync(PluginClient plugin, Write.Types.Request request, CallOptions options)
    {
        using var call = plugin.Write(options);
        try
        {
            await call.RequestStream.WriteAsync(request, options.CancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The server ended the call before we finished writing; its status says why.
            await call.ResponseAsync.ConfigureAwait(false);
            throw;
        }

        await call.ResponseAsync.ConfigureAwait(false);
    }

    // Every response and every batch in it: backends differ (PostgreSQL sends one row per response).
    private static async Task<Dictionary<string, StateEntry>> ReadAllAsync(PluginClient plugin, ByteString table, CallOptions options)
    {
        var entries = new Dictionary<string, StateEntry>(StringComparer.Ordinal);
        using var call = plugin.Read(new Read.Types.Request { Table = table }, options);
        await foreach (var response in call.ResponseStream.ReadAllAsync(options.CancellationToken).ConfigureAwait(false))
        {
            foreach (var batch in ArrowIpc.DecodeBatches(response.Record.Memory))
            {
                using (batch)
                {
                    StateTable.Merge(batch, entries);
                }
            }
        }

        return entries;
    }

    // Known failures become a StateStoreException naming the backend; anything else is returned as is (a bug).
    private static Exception Translate(Exception e, StateBackendOptions backend, string step, TimeSpan timeout, CancellationToken ct) => e switch
    {
        _ when ct.IsCancellationRequested => new OperationCanceledException($"{backend}: {step} was cancelled", e, ct),
        StateStoreException => e,
        RpcException rpc => StateBackendErrors.FromRpc(backend, step, rpc, timeout),
        InvalidDataException data => StateBackendErrors.BadData(backend, step, data),
        IOException io => StateBackendErrors.ConnectionLost(backend, step, io),
        _ => e,
    };
}
