using System.Net;
using System.Net.Sockets;
using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.State;
using CqSourceS3.Plugin.State;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace CqSourceS3.Plugin.Tests.State;

public sealed class GrpcStateStoreTests(StateBackendFixture backends) : IClassFixture<StateBackendFixture>
{
    public static TheoryData<string> Networks => new() { "tcp", "unix" };

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Connect_EmptyStateTable_HasNoValues(string network)
    {
        await using var store = await ConnectAsync(network, NewTable());

        Assert.Null(await store.GetAsync("cursor", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Flush_TwoKeysThenReconnect_ReadsBothBack(string network)
    {
        var table = NewTable();
        await using (var first = await ConnectAsync(network, table))
        {
            await first.SetAsync("s3/bucket/orders", "2024-01-02T03:04:05Z", CancellationToken.None);
            await first.SetAsync("s3/bucket/users", "ü-🙂", CancellationToken.None);
            await first.FlushAsync(CancellationToken.None);
        }

        await using var second = await ConnectAsync(network, table);

        Assert.Equal("2024-01-02T03:04:05Z", await second.GetAsync("s3/bucket/orders", CancellationToken.None));
        Assert.Equal("ü-🙂", await second.GetAsync("s3/bucket/users", CancellationToken.None));
        Assert.Equal([("s3/bucket/orders", "2024-01-02T03:04:05Z", 1UL), ("s3/bucket/users", "ü-🙂", 1UL)], await RowsAsync(network, table));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Set_NewValueInLaterSync_IncreasesVersion(string network)
    {
        var table = NewTable();
        await SyncOnceAsync(network, table, "k", "one");
        await SyncOnceAsync(network, table, "k", "two");
        await SyncOnceAsync(network, table, "k", "three");

        Assert.Equal([("k", "three", 3UL)], await RowsAsync(network, table));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Set_UnchangedValue_IsNotResent(string network)
    {
        var table = NewTable();
        await SyncOnceAsync(network, table, "k", "same");
        await using var store = await ConnectAsync(network, table);
        // Changed behind the store's back after it loaded: a re-sent "same" would overwrite this row.
        await InsertAsync(network, table, ("k", "written-elsewhere", 7));

        await store.SetAsync("k", "same", CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);

        Assert.Equal([("k", "written-elsewhere", 7UL)], await RowsAsync(network, table));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Flush_NothingChanged_SucceedsAndKeepsState(string network)
    {
        var table = NewTable();
        await SyncOnceAsync(network, table, "k", "v");
        await using var store = await ConnectAsync(network, table);

        await store.FlushAsync(CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);

        Assert.Equal([("k", "v", 1UL)], await RowsAsync(network, table));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Flush_SecondClient_SeesFlushedButNotPendingValues(string network)
    {
        var table = NewTable();
        await using var first = await ConnectAsync(network, table);
        await first.SetAsync("flushed", "yes", CancellationToken.None);
        await first.FlushAsync(CancellationToken.None);
        await first.SetAsync("pending", "not yet", CancellationToken.None);

        await using var second = await ConnectAsync(network, table);

        Assert.Equal("yes", await second.GetAsync("flushed", CancellationToken.None));
        Assert.Null(await second.GetAsync("pending", CancellationToken.None));
        Assert.Equal("not yet", await first.GetAsync("pending", CancellationToken.None));
    }

    [Fact]
    public async Task Open_NoBackendOptions_ReturnsNoStateStore()
    {
        var none = await GrpcStateStore.OpenAsync(null, CancellationToken.None);
        var empty = await GrpcStateStore.OpenAsync(new Sync.Types.BackendOptions(), CancellationToken.None);

        Assert.Same(NoStateStore.Instance, none);
        Assert.Same(NoStateStore.Instance, empty);
    }

    [Theory]
    [InlineData("127.0.0.1:7777", "")]
    [InlineData("", "cq_state")]
    public async Task Open_OnlyOneOptionSet_FailsNamingBothOptions(string connection, string tableName)
    {
        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            GrpcStateStore.OpenAsync(new Sync.Types.BackendOptions { Connection = connection, TableName = tableName }, CancellationToken.None));

        Assert.StartsWith("backend_options must contain both connection and table_name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_BothOptionsSet_ConnectsToTheBackend()
    {
        var backend = backends.On("tcp");
        var options = new Sync.Types.BackendOptions { Connection = backend.Connection, TableName = NewTable() };

        await using var store = await GrpcStateStore.OpenAsync(options, CancellationToken.None);

        Assert.IsType<GrpcStateStore>(store);
    }

    [Fact]
    public async Task Connect_ClosedPort_FailsNamingConnectionAndTable()
    {
        var connection = $"127.0.0.1:{LoopbackPort.Free()}";

        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            GrpcStateStore.ConnectAsync(new StateBackendOptions(connection, "cq_state"), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None));

        Assert.Equal(connection, error.Connection);
        Assert.Contains($"state backend \"{connection}\" (state table \"cq_state\"): GetVersions failed: cannot connect", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<RpcException>(error.InnerException);
    }

    [Fact]
    public async Task Connect_MissingSocketPath_FailsNamingConnection()
    {
        var connection = $"unix://{Path.GetTempPath()}cq-missing-{Guid.NewGuid():N}.sock";

        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            GrpcStateStore.ConnectAsync(new StateBackendOptions(connection, "cq_state"), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None));

        Assert.Contains($"state backend \"{connection}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains($"GetVersions failed: cannot connect: the socket file {connection["unix://".Length..]} does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ServerThatNeverAnswers_FailsAtTheDeadline()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var connection = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";

        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            GrpcStateStore.ConnectAsync(new StateBackendOptions(connection, "cq_state"), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("GetVersions failed: no answer within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_BackendWithoutProtocol3_AsksToUpgrade()
    {
        await using var old = await FakeStateBackend.StartAsync([0, 1, 2], []);

        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            GrpcStateStore.ConnectAsync(new StateBackendOptions(old.Connection, "cq_state"), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None));

        Assert.Contains("[0, 1, 2] but not 3; please upgrade your state backend plugin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ReadFails_FailsNamingTheStep()
    {
        await using var broken = await FakeStateBackend.StartAsync([3], [], readError: "disk on fire");

        var error = await Assert.ThrowsAsync<StateStoreException>(() =>
            GrpcStateStore.ConnectAsync(new StateBackendOptions(broken.Connection, "cq_state"), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None));

        Assert.Contains("Read of the state table failed: Internal: disk on fire", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SeveralResponsesOfSeveralBatches_KeepsHighestVersionPerKey()
    {
        var schema = StateTable.Schema("cq_state");
        using var a1 = Batch(schema, ("a", "a-v1", 1), ("b", "b-first", 5));
        using var a3 = Batch(schema, ("a", "a-v3", 3));
        using var later = Batch(schema, ("a", "a-v2", 2), ("b", "b-later", 5), ("c", "c-v0", 0));
        await using var backend = await FakeStateBackend.StartAsync([0, 1, 2, 3], [[a1, a3], [later]]);

        await using var store = await GrpcStateStore.ConnectAsync(new StateBackendOptions(backend.Connection, "cq_state"), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None);

        Assert.Equal("a-v3", await store.GetAsync("a", CancellationToken.None));
        Assert.Equal("b-later", await store.GetAsync("b", CancellationToken.None));
        Assert.Equal("c-v0", await store.GetAsync("c", CancellationToken.None));
    }

    [Fact]
    public async Task Flush_BackendGone_FailsAndKeepsChangesPending()
    {
        var table = NewTable();
        var backend = await StateBackendProcess.StartAsync("tcp");
        await using var store = await GrpcStateStore.ConnectAsync(new StateBackendOptions(backend.Connection, table), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None);
        await store.SetAsync("k", "v", CancellationToken.None);
        await backend.DisposeAsync();

        var error = await Assert.ThrowsAsync<StateStoreException>(() => store.FlushAsync(CancellationToken.None));

        Assert.Contains($"state backend \"{backend.Connection}\" (state table \"{table}\"): Flush (insert of 1 state rows) failed", error.Message, StringComparison.Ordinal);
        Assert.Equal("v", await store.GetAsync("k", CancellationToken.None));
    }

    [Fact]
    public async Task Connect_Cancelled_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            GrpcStateStore.ConnectAsync(new StateBackendOptions(backends.On("tcp").Connection, NewTable()), GrpcStateStore.DefaultConnectTimeout, cancelled.Token));
    }

    private static string NewTable() => $"cq_state_{Guid.NewGuid():N}";

    private static RecordBatch Batch(Schema schema, params (string Key, string Value, ulong Version)[] rows) =>
        StateTable.Rows(schema, [.. rows.Select(r => KeyValuePair.Create(r.Key, new StateEntry(r.Value, r.Version)))]);

    private Task<GrpcStateStore> ConnectAsync(string network, string table) =>
        GrpcStateStore.ConnectAsync(new StateBackendOptions(backends.On(network).Connection, table), GrpcStateStore.DefaultConnectTimeout, CancellationToken.None);

    private async Task SyncOnceAsync(string network, string table, string key, string value)
    {
        await using var store = await ConnectAsync(network, table);
        await store.SetAsync(key, value, CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);
    }

    // What the backend really holds, read with a plain client rather than through the store under test.
    private Task<List<(string Key, string Value, ulong Version)>> RowsAsync(string network, string table) =>
        StateTableRows.ListAsync(backends.On(network).Plugin, table);

    private async Task InsertAsync(string network, string table, (string Key, string Value, ulong Version) row)
    {
        using var batch = Batch(StateTable.Schema(table), row);
        using var call = backends.On(network).Plugin.Write();
        await call.RequestStream.WriteAsync(new Write.Types.Request { Insert = new Write.Types.MessageInsert { Record = ByteString.CopyFrom(ArrowIpc.EncodeBatch(batch)) } });
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }
}
