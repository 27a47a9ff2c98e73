using Apache.Arrow.Types;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Sync;
using CqSourceS3.Client.Tests.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Client.Tests.Evolution;

/// <summary>
/// <c>schema_policy: skip_file</c> in a sync: objects whose schema is not the newest object's are skipped by choice,
/// not failure, so the incremental cursor passes them and <c>error_policy: fail</c> does not stop their table.
/// </summary>
public sealed class SkipFileSyncTests
{
    private static readonly DateTimeOffset T = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly InMemoryStateStore _state = new();

    [Theory]
    [InlineData(ErrorPolicies.Skip)]
    [InlineData(ErrorPolicies.Fail)]
    public async Task Sync_SkipFile_ReadsTheNewestSchemaOnlyAndTheCursorPassesTheSkippedObject(string errorPolicy)
    {
        _store.Put("t/old.parquet", Bytes(3, Nullable("id", Int32Type.Default)), T);
        _store.Put("t/new.parquet", Bytes(5, Nullable("id", Int64Type.Default), Nullable("name", StringType.Default)), T.AddMinutes(1));
        var spec = SyncEngineTests.Spec() with { SchemaPolicy = SchemaPolicies.SkipFile, ErrorPolicy = errorPolicy };

        var (first, skips) = await RunAsync(spec);
        var (second, _) = await RunAsync(spec);

        Assert.Empty(first.Errors);
        Assert.Equal(5, first.RowsOf("t").Count());
        var skipped = Assert.Single(skips);
        Assert.Equal(("t/old.parquet", false), (skipped.Key, skipped.Transient));
        Assert.Contains("(schema_policy: skip_file)", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains(StateKeys.ForTable(_store.Location, "t"), _state.Committed.Keys);
        Assert.Empty(second.RowsOf("t"));
    }

    private async Task<(CollectedSyncMessages Messages, IReadOnlyList<CqSourceS3.Client.Discovery.SkippedObject> Skipped)> RunAsync(SourceSpec spec)
    {
        var settings = new SyncSettings { Clock = new FakeTimeProvider(T.AddHours(1)), Retry = SyncEngineTests.RetryWithoutWaiting };
        await using var client = SourceClient.Create(spec, _store, NullLoggerFactory.Instance, settings);
        var run = client.StartSync(new SyncRequest(["*"], []), _state);
        var messages = await CollectedSyncMessages.ExecuteAsync(run);
        return (messages, run.Skipped);
    }
}
