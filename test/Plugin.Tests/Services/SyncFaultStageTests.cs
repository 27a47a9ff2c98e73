using System.Runtime.CompilerServices;
using System.Text.Json;
using CqSourceS3.Client;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Hosting;
using CqSourceS3.Plugin.State;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>
/// A fault injected at each stage of a Sync, through the real gRPC server, gives the documented status and an
/// <c>error</c> log line: an expected failure its message under the Go SDK's status (Unknown for Sync, Internal for
/// GetTables); an unexpected one Internal with its type. A fault in one object's footer or data is a transient skip:
/// the sync succeeds and a <c>warn</c> line names the object.
/// </summary>
public sealed class SyncFaultStageTests
{
    private const int ReadAhead = 4096;

    /// <summary>A small footer window, so that the data of the object is read apart from its footer; quick retries.</summary>
    private static readonly SyncSettings Settings = new()
    {
        ReadOptions = new ParquetReadOptions(ReadAhead, TimeSpan.FromMinutes(1)),
        Retry = new TransientRetry(1, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)),
    };

    private readonly InMemoryObjectStore _inner = new("memory://bucket");
    private readonly FaultyStore _store;
    private readonly FaultyState _state = new();
    private readonly StoredObject _object;

    public SyncFaultStageTests()
    {
        _store = new FaultyStore(_inner);
        using var batch = SampleBatches.AllTypes(0, 2000);
        _object = _inner.Put("t/a.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
        Assert.True(_object.Size > 2 * ReadAhead, "the object must be larger than its footer window");
    }

    public static TheoryData<string, StatusCode, string> FailingStages => new()
    {
        { "listing", StatusCode.Unknown, "failed to sync records: access to the bucket denied" },
        { "listing-unexpected", StatusCode.Internal, "failed to sync records: unexpected InvalidDataException: listing went wrong" },
        { "state-read", StatusCode.Unknown, "failed to sync records: the state backend did not answer the read" },
        { "state-read-unexpected", StatusCode.Internal, "failed to sync records: unexpected KeyNotFoundException: no such state row" },
        { "state-write", StatusCode.Unknown, "failed to sync records: the state backend refused the write" },
        { "send", StatusCode.Internal, "failed to sync records: unexpected IOException: the response stream broke" },
    };

    [Theory]
    [MemberData(nameof(FailingStages))]
    public async Task Sync_FaultAtStage_GivesTheDocumentedStatusAndAnErrorLine(string stage, StatusCode code, string detail)
    {
        Arm(stage);
        await using var plugin = await StartAsync(failWrites: stage == "send");

        var error = await Assert.ThrowsAsync<RpcException>(() => SyncAsync(plugin));

        Assert.Equal((code, detail), (error.StatusCode, error.Status.Detail));
        var line = Assert.Single(LogLines(plugin), l => l.Level == "error");
        Assert.Equal(detail["failed to sync records: ".Length..], line.Message["Sync failed: ".Length..]);
        Assert.StartsWith("Sync failed: ", line.Message, StringComparison.Ordinal);
        Assert.Equal(0, _state.Flushes);
    }

    [Theory]
    [InlineData("footer", new Sync.Types.Response.MessageOneofCase[0])]
    [InlineData("read", new[] { Sync.Types.Response.MessageOneofCase.MigrateTable })]
    public async Task Sync_FaultInOneObject_SkipsItAsTransientWithAWarnLine(string stage, Sync.Types.Response.MessageOneofCase[] expected)
    {
        // A footer that cannot be read leaves the table without a schema, so it is not migrated; a failed data read
        // comes after the migration.
        Arm(stage);
        await using var plugin = await StartAsync(failWrites: false);

        var kinds = await SyncAsync(plugin);

        Assert.Equal(expected, kinds);
        var line = Assert.Single(LogLines(plugin), l => l.Level == "warn" && l.Message.StartsWith("Skipping object t/a.parquet", StringComparison.Ordinal));
        Assert.Contains("it is read again next run", line.Message, StringComparison.Ordinal);
        var errors = LogLines(plugin).Where(l => l.Level == "error").Select(l => l.Message);
        var reason = line.Message["Skipping object t/a.parquet of table t: ".Length..];
        Assert.Equal(stage == "footer" ? [$"Table t cannot be synced: table \"t\": none of its objects could be read (1 skipped; the first: {reason})"] : [], errors);
    }

    [Fact]
    public async Task GetTables_ListingFails_InternalWithTheMessageAndAnErrorLine()
    {
        Arm("listing");
        await using var plugin = await StartAsync(failWrites: false);
        await InitAsync(plugin);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Plugin.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" } }));

        Assert.Equal((StatusCode.Internal, "failed to get tables: access to the bucket denied"), (error.StatusCode, error.Status.Detail));
        Assert.Contains(LogLines(plugin), l => l is { Level: "error", Message: "GetTables failed: access to the bucket denied" });
    }

    private void Arm(string stage)
    {
        switch (stage)
        {
            case "listing":
                _store.ListFault = () => new StoreException(StoreFailure.AccessDenied, _inner.Location, null, "access to the bucket denied");
                break;
            case "listing-unexpected":
                _store.ListFault = () => new InvalidDataException("listing went wrong");
                break;
            case "footer":
                _inner.BeforeRead = _ => throw new IOException("the disk failed under the footer");
                break;
            case "read":
                // Discovery checks the leading magic bytes and reads the tail; a read between them is a data read.
                _inner.BeforeRead = read =>
                {
                    if (read.Offset > 0 && read.Offset + read.Length < _object.Size)
                    {
                        throw new IOException("the disk failed under the data");
                    }
                };
                break;
            case "state-read":
                _state.GetFault = () => new StateStoreException("memory", "state", "the state backend did not answer the read");
                break;
            case "state-read-unexpected":
                _state.GetFault = () => new KeyNotFoundException("no such state row");
                break;
            case "state-write":
                _state.FlushFault = () => new StateStoreException("memory", "state", "the state backend refused the write");
                break;
            case "send":
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, null);
        }
    }

    private Task<RunningPlugin> StartAsync(bool failWrites) => RunningPlugin.StartAsync("unix", services =>
    {
        services.AddSingleton<ISourceClientFactory>(provider => new StoreClients(_store, Settings, provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IStateBackend>(new StateBackend(_state));
        if (failWrites)
        {
            // Added after the server's own interceptor, so it sits inside it, next to the service.
            services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<FailSecondWrite>());
        }
    });

    private static async Task InitAsync(RunningPlugin plugin) =>
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8("""{"bucket":"bucket"}""") });

    private static async Task<List<Sync.Types.Response.MessageOneofCase>> SyncAsync(RunningPlugin plugin)
    {
        await InitAsync(plugin);
        using var call = plugin.Plugin.Sync(new Sync.Types.Request { Tables = { "*" } });
        var kinds = new List<Sync.Types.Response.MessageOneofCase>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            kinds.Add(call.ResponseStream.Current.MessageCase);
        }

        return kinds;
    }

    private static List<(string Level, string Message)> LogLines(RunningPlugin plugin) =>
        [.. plugin.Logs.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(j => (j.GetProperty("level").GetString()!, j.GetProperty("message").GetString()!))];

    private sealed class StateBackend(IStateStore state) : IStateBackend
    {
        public Task<IStateStore> OpenAsync(Sync.Types.BackendOptions? backend, CancellationToken cancellationToken) => Task.FromResult(state);
    }

    /// <summary>The in-memory store, except that listing may fail.</summary>
    private sealed class FaultyStore(InMemoryObjectStore inner) : IObjectStore
    {
        public Func<Exception>? ListFault { get; set; }

        public string Location => inner.Location;

        public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (ListFault is { } fault)
            {
                throw fault();
            }

            await foreach (var obj in inner.ListAsync(prefix, cancellationToken))
            {
                yield return obj;
            }
        }

        public Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken) =>
            inner.OpenRangeAsync(obj, offset, length, cancellationToken);

        public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => inner.CheckAccessAsync(prefix, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>An empty state whose read or flush may fail.</summary>
    private sealed class FaultyState : IStateStore
    {
        private int _flushes;

        public Func<Exception>? GetFault { get; set; }

        public Func<Exception>? FlushFault { get; set; }

        public int Flushes => Volatile.Read(ref _flushes);

        public Task<string?> GetAsync(string key, CancellationToken ct) =>
            GetFault is { } fault ? Task.FromException<string?>(fault()) : Task.FromResult<string?>(null);

        public Task SetAsync(string key, string value, CancellationToken ct) => Task.CompletedTask;

        public Task FlushAsync(CancellationToken ct)
        {
            if (FlushFault is { } fault)
            {
                return Task.FromException(fault());
            }

            Interlocked.Increment(ref _flushes);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Breaks the response stream at its second write, as a connection that fails mid-sync would.</summary>
    private sealed class FailSecondWrite : Interceptor
    {
        public override Task ServerStreamingServerHandler<TRequest, TResponse>(
            TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
            continuation(request, new BreakingWriter<TResponse>(responseStream), context);

        private sealed class BreakingWriter<T>(IServerStreamWriter<T> inner) : IServerStreamWriter<T>
        {
            private int _writes;

            public WriteOptions? WriteOptions
            {
                get => inner.WriteOptions;
                set => inner.WriteOptions = value;
            }

            public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

            // The service passes its token; the interface's default for this overload refuses a cancellable one.
            public Task WriteAsync(T message, CancellationToken cancellationToken) =>
                Interlocked.Increment(ref _writes) == 2 ? Task.FromException(new IOException("the response stream broke")) : inner.WriteAsync(message, cancellationToken);
        }
    }
}
