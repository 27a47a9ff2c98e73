using System.Text.Json.Nodes;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Hosting;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Plugin.Tests.Telemetry.Otlp;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>
/// An object that fails while its data is read (its footer read fine in discovery), through the real gRPC Sync,
/// exporting to a real OTLP/HTTP receiver: its <c>sync.object</c> span says what became of it and why, with the
/// error recorded, and the skipped-object and retry metrics count it. Stopping the server flushes every signal.
/// </summary>
[Collection(TelemetryCollectionDefinition.Name)]
public sealed class ObjectFailureTelemetryTests
{
    private const int ReadAhead = 4096;
    private const int MaxRetries = 3;
    private const string BrokenKey = "broken/b.parquet";

    /// <summary>
    /// A small footer window, so the data pages are read apart from the footer; retries without waiting, so nothing
    /// here depends on time passing.
    /// </summary>
    private static readonly SyncSettings Settings = new()
    {
        ReadOptions = new ParquetReadOptions(ReadAhead, TimeSpan.FromMinutes(1)),
        Retry = new TransientRetry(MaxRetries, TimeSpan.Zero, TimeSpan.Zero),
    };

    private readonly InMemoryObjectStore _store = new("memory://bucket");

    public ObjectFailureTelemetryTests()
    {
        Put("good/a.parquet");
        Assert.True(Put(BrokenKey).Size > 2 * ReadAhead, "the object must be larger than its footer window");
    }

    [Theory]
    [InlineData("skip", "skipped")]
    [InlineData("fail", "failed")]
    public async Task Sync_ObjectWithCorruptDataPages_ObjectSpanCarriesOutcomeReasonAndErrorAndSkipIsCounted(string policy, string outcome)
    {
        var bytes = _store.ContentOf(BrokenKey);
        // The first column chunk's page header and data; the magic bytes and the footer stay intact.
        bytes.AsSpan(4, 256).Fill(0xEE);
        _store.Put(BrokenKey, bytes);
        await using var receiver = await OtlpReceiver.StartAsync();

        var tableErrors = await SyncAsync(receiver, policy);

        var span = ObjectSpan(receiver, BrokenKey);
        var reason = (string)span.Attributes.Get("sync.object.skip_reason")!;
        Assert.Contains("corrupt Parquet", reason, StringComparison.Ordinal);
        Assert.Equal(outcome, span.Attributes.Get("sync.object.outcome"));
        Assert.Equal((0L, 0L), ((long?)span.Attributes.Get("sync.object.retries"), (long?)span.Attributes.Get("sync.object.rows")));
        AssertErrorRecorded(span, reason, typeof(ParquetReadException));
        Assert.Equal("read", ObjectSpan(receiver, "good/a.parquet").Attributes.Get("sync.object.outcome"));
        var table = Assert.Single(receiver.Spans, s => s.Span.Name == "sync.table.broken").Span;
        Assert.Equal(1L, Assert.Single(table.Events, e => e.Name == "sync.finish.stats").Attributes.Get("sync.errors"));
        // Only error_policy: fail stops the table, with a table error the CLI sees (it asks for error messages).
        Assert.Equal(policy == "fail" ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Unset, table.Status?.Code ?? Status.Types.StatusCode.Unset);
        Assert.Equal(policy == "fail" ? ["broken"] : [], tableErrors);
        var metrics = receiver.Metrics;
        Assert.Equal(new Dictionary<string, long> { ["unreadable"] = 1 }, OtlpValues.TotalsBy(metrics, "sync.objects.skipped", "sync.skip.class"));
        Assert.Equal(new Dictionary<string, long> { ["broken"] = 1 }, OtlpValues.TotalsBy(metrics, "sync.objects.skipped", "sync.table.name"));
        Assert.Equal(new Dictionary<string, long> { ["broken"] = 1 }, OtlpValues.TotalsBy(metrics, "sync.table.errors", "sync.table.name"));
        Assert.DoesNotContain(metrics, m => m.Name == "sync.object.retries");
    }

    [Fact]
    public async Task Sync_DataReadFailsTransientlyTwiceThenSucceeds_ObjectSpanReadWithTwoRetriesAndRetriesCounted()
    {
        var failures = FailDataReadsOfBroken(times: 2);
        await using var receiver = await OtlpReceiver.StartAsync();

        Assert.Empty(await SyncAsync(receiver, "skip"));

        Assert.Equal(2, failures.Thrown);
        var span = ObjectSpan(receiver, BrokenKey);
        Assert.Equal("read", span.Attributes.Get("sync.object.outcome"));
        Assert.Equal(2L, span.Attributes.Get("sync.object.retries"));
        Assert.Equal(2000L, span.Attributes.Get("sync.object.rows"));
        Assert.Null(span.Attributes.Get("sync.object.skip_reason"));
        Assert.Equal(Status.Types.StatusCode.Unset, span.Status?.Code ?? Status.Types.StatusCode.Unset);
        Assert.DoesNotContain(span.Events, e => e.Name == "exception");
        var metrics = receiver.Metrics;
        Assert.Equal(new Dictionary<string, long> { ["broken"] = 2 }, OtlpValues.TotalsBy(metrics, "sync.object.retries", "sync.table.name"));
        Assert.DoesNotContain(metrics, m => m.Name == "sync.objects.skipped");
        Assert.Equal(2000L, OtlpValues.TotalsBy(metrics, "sync.table.resources", "sync.table.name")["broken"]);
    }

    [Fact]
    public async Task Sync_DataReadKeepsFailingTransiently_ObjectSpanSkippedAfterEveryRetryAndCountedAsTransient()
    {
        var failures = FailDataReadsOfBroken(times: int.MaxValue);
        await using var receiver = await OtlpReceiver.StartAsync();

        Assert.Empty(await SyncAsync(receiver, "skip"));

        Assert.Equal(1 + MaxRetries, failures.Thrown);
        var span = ObjectSpan(receiver, BrokenKey);
        var reason = (string)span.Attributes.Get("sync.object.skip_reason")!;
        Assert.Contains("SlowDown", reason, StringComparison.Ordinal);
        Assert.Equal("skipped", span.Attributes.Get("sync.object.outcome"));
        Assert.Equal((long)MaxRetries, span.Attributes.Get("sync.object.retries"));
        AssertErrorRecorded(span, reason, typeof(StoreException));
        var metrics = receiver.Metrics;
        Assert.Equal(new Dictionary<string, long> { ["transient"] = 1 }, OtlpValues.TotalsBy(metrics, "sync.objects.skipped", "sync.skip.class"));
        Assert.Equal(new Dictionary<string, long> { ["broken"] = MaxRetries }, OtlpValues.TotalsBy(metrics, "sync.object.retries", "sync.table.name"));
    }

    /// <summary>The status the reason, and one <c>exception</c> event of what the read threw, without a stack trace.</summary>
    private static void AssertErrorRecorded(Span span, string reason, Type thrown)
    {
        Assert.Equal((Status.Types.StatusCode.Error, reason), (span.Status.Code, span.Status.Message));
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Equal(thrown.FullName, exception.Attributes.Get("exception.type"));
        Assert.Equal(reason, exception.Attributes.Get("exception.message"));
        Assert.Null(exception.Attributes.Get("exception.stacktrace"));
    }

    private static Span ObjectSpan(OtlpReceiver receiver, string key) =>
        Assert.Single(receiver.Spans, s => s.Span.Name == "sync.object" && (string?)s.Span.Attributes.Get("sync.object.key") == key).Span;

    private StoredObject Put(string key)
    {
        using var batch = SampleBatches.AllTypes(0, 2000);
        return _store.Put(key, new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
    }

    /// <summary>
    /// Fails the data reads of the broken object (not its magic bytes nor its footer, which discovery reads), as
    /// S3 throttling does, <paramref name="times"/> times.
    /// </summary>
    private TransientFailures FailDataReadsOfBroken(int times)
    {
        var failures = new TransientFailures(times);
        var size = _store.ContentOf(BrokenKey).Length;
        _store.BeforeRead = read =>
        {
            if (read.Key == BrokenKey && read.Offset > 0 && read.Offset + read.Length < size)
            {
                failures.MaybeThrow(read.Key);
            }
        };
        return failures;
    }

    /// <summary>Syncs every table under <paramref name="policy"/>, stops the server (flushing the export); returns the tables with errors.</summary>
    private async Task<List<string>> SyncAsync(OtlpReceiver receiver, string policy)
    {
        await using var plugin = await RunningPlugin.StartAsync("unix", otelEndpoint: receiver.Endpoint, services: services =>
            services.AddSingleton<ISourceClientFactory>(provider => new StoreClients(_store, Settings, provider.GetRequiredService<ILoggerFactory>())));
        var spec = new JsonObject { ["bucket"] = "bucket", ["error_policy"] = policy };
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8(spec.ToJsonString()) });
        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });
        return [.. sync.Errors.Select(e => e.TableName)];
    }

    private sealed class TransientFailures(int times)
    {
        private int _thrown;

        public int Thrown => Volatile.Read(ref _thrown);

        public void MaybeThrow(string key)
        {
            // Counted only when thrown: a successful attempt's reads must not use up the budget.
            if (Interlocked.Increment(ref _thrown) <= times)
            {
                throw new StoreException(StoreFailure.Transient, "memory://bucket", key, "SlowDown: please reduce your request rate");
            }

            Interlocked.Decrement(ref _thrown);
        }
    }
}
