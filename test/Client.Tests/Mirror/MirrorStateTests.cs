using System.Globalization;
using CqSourceS3.Client.Mirror;
using CqSourceS3.Client.State;
using CqSourceS3.Tests.Shared;
using Xunit.Abstractions;

namespace CqSourceS3.Client.Tests.Mirror;

/// <summary>
/// The mirror state as stored: buckets that read back exactly, only changed buckets written again, a value that
/// cannot be read stopping the sync by its key, and the size of 100,000 remembered keys (the README's figure).
/// </summary>
public sealed class MirrorStateTests(ITestOutputHelper output)
{
    private const string TableKey = "cq-source-s3/v1/s3://bucket/logs";

    /// <summary>The README's figure for 100,000 keys of the shape below: what the state backend holds, in bytes.</summary>
    private const long HundredThousandKeysBudget = 3_000_000;

    [Fact]
    public async Task SaveThenLoad_Entries_ReadBackExactlyWithACompleteMarker()
    {
        var state = new InMemoryStateStore();
        var entries = Keys(1_000).ToDictionary(k => k, k => (ulong)k.Length * 7919, StringComparer.Ordinal);
        entries["données/été/ß.parquet"] = MirrorVersion.Pending;

        await (await MirrorState.LoadAsync(state, TableKey, CancellationToken.None)).SaveAsync(state, entries, CancellationToken.None);
        await state.FlushAsync(CancellationToken.None);
        var loaded = await MirrorState.LoadAsync(state, TableKey, CancellationToken.None);

        Assert.Equal(entries.OrderBy(e => e.Key, StringComparer.Ordinal), loaded.Entries.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.True(loaded.LastRunComplete);
    }

    [Fact]
    public async Task Load_NothingStored_IsEmptyAndNeverMirrored()
    {
        var loaded = await MirrorState.LoadAsync(new InMemoryStateStore(), TableKey, CancellationToken.None);

        Assert.Empty(loaded.Entries);
        Assert.Null(loaded.LastRunComplete);
    }

    [Fact]
    public async Task Save_OneKeyChanged_WritesOnlyItsBucketAndTheMarker()
    {
        var state = new InMemoryStateStore();
        var entries = Keys(10_000).ToDictionary(k => k, _ => 1UL, StringComparer.Ordinal);
        await (await MirrorState.LoadAsync(state, TableKey, CancellationToken.None)).SaveAsync(state, entries, CancellationToken.None);
        await state.FlushAsync(CancellationToken.None);
        var before = state.Committed.ToDictionary();

        var loaded = await MirrorState.LoadAsync(state, TableKey, CancellationToken.None);
        var changedKey = Keys(10_000).ElementAt(4321);
        entries[changedKey] = 2;
        await loaded.SaveAsync(state, entries, CancellationToken.None);
        await state.FlushAsync(CancellationToken.None);

        var changed = state.Committed.Where(e => before.GetValueOrDefault(e.Key) != e.Value).Select(e => e.Key).ToList();
        Assert.Equal([MirrorState.BucketKeyOf(TableKey, MirrorState.BucketOf(changedKey))], changed);
    }

    [Fact]
    public async Task Save_LastKeyOfABucketDeleted_WritesThatBucketEmpty()
    {
        var state = new InMemoryStateStore();
        await (await MirrorState.LoadAsync(state, TableKey, CancellationToken.None)).SaveAsync(state, new Dictionary<string, ulong> { ["a.parquet"] = 1 }, CancellationToken.None);
        await state.FlushAsync(CancellationToken.None);

        await (await MirrorState.LoadAsync(state, TableKey, CancellationToken.None)).SaveAsync(state, new Dictionary<string, ulong>(), CancellationToken.None);
        await state.FlushAsync(CancellationToken.None);

        Assert.Equal("1:", state.Committed[MirrorState.BucketKeyOf(TableKey, MirrorState.BucketOf("a.parquet"))]);
        Assert.Empty((await MirrorState.LoadAsync(state, TableKey, CancellationToken.None)).Entries);
    }

    [Theory]
    [InlineData("#mirror/00", "2:abc", "does not start with the format version")]
    [InlineData("#mirror/00", "1:not base64!", "")]
    [InlineData("#mirror/00", "1:AAAA", "")]
    [InlineData("#mirror", "{\"v\":2}", "not a mirror marker")]
    [InlineData("#mirror", "nope", "not a mirror marker")]
    public async Task Load_UnreadableValue_StopsNamingTheStateKey(string suffix, string value, string problem)
    {
        var state = new InMemoryStateStore([KeyValuePair.Create(TableKey + suffix, value)]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => MirrorState.LoadAsync(state, TableKey, CancellationToken.None));

        var cursorError = Assert.IsType<CursorStateException>(error);
        Assert.Equal(TableKey + suffix, cursorError.StateKey);
        Assert.Contains(problem, cursorError.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_HundredThousandKeys_FitsTheReadmeFigure()
    {
        var state = new InMemoryStateStore();
        var entries = Keys(100_000).ToDictionary(k => k, k => MirrorVersion.Of(new CqSourceS3.Client.Storage.StoredObject(k, 1, DateTimeOffset.UnixEpoch, "\"etag\"")), StringComparer.Ordinal);

        await (await MirrorState.LoadAsync(state, TableKey, CancellationToken.None)).SaveAsync(state, entries, CancellationToken.None);
        await state.FlushAsync(CancellationToken.None);

        var bytes = state.Committed.Sum(e => (long)e.Key.Length + e.Value.Length);
        output.WriteLine($"100,000 keys: {state.Committed.Count} state rows, {bytes} bytes");
        Assert.Equal(MirrorState.BucketCount + 1, state.Committed.Count);
        Assert.InRange(bytes, 1, HundredThousandKeysBudget);
    }

    /// <summary>Keys shaped like a real lake's: a dated folder, a part number and a writer's UUID.</summary>
    private static IEnumerable<string> Keys(int count) => Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"logs/year=2026/month={1 + (i % 12):00}/day={1 + (i % 28):00}/part-{i:00000}-{new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)(i % 251)])}.parquet"));
}
