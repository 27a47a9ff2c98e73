using CqSourceS3.Client.State;
using static CqSourceS3.Client.Tests.State.CursorRuns;

namespace CqSourceS3.Client.Tests.State;

public sealed class TableCursorFormatTests
{
    private const string Key = "cq-source-s3/v1/s3://bucket/orders";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"v\":1}")]
    public void Parse_NothingStored_EmptyCursor(string? value)
    {
        var cursor = TableCursor.Parse(Key, value);

        Assert.True(cursor.IsEmpty);
        Assert.Empty(cursor.Recent);
    }

    [Fact]
    public void ToString_Empty_IsVersionOnly()
    {
        Assert.Equal("{\"v\":1}", TableCursor.Empty.ToString());
    }

    [Fact]
    public void ToString_Cursor_WritesDocumentedFormat()
    {
        var cursor = TableCursor.Empty.Advance([At("b", 3600, "e2"), At("a", 1800, "e1") with { VersionId = "v7" }], [], Lookback);

        Assert.Equal(
            "{\"v\":1,\"watermark\":\"2026-01-01T11:00:00Z\",\"window_start\":\"2026-01-01T10:00:00Z\",\"recent\":{"
            + "\"a\":{\"last_modified\":\"2026-01-01T10:30:00Z\",\"etag\":\"e1\",\"version_id\":\"v7\"},"
            + "\"b\":{\"last_modified\":\"2026-01-01T11:00:00Z\",\"etag\":\"e2\"}}}",
            cursor.ToString());
    }

    [Fact]
    public void Parse_ToString_RoundTripsSubSecondTimesOffsetsAndOddKeys()
    {
        var odd = new CqSourceS3.Client.Storage.StoredObject("dir/ü \"quoted\"+x.parquet", 1,
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567), ETag: null);
        var cursor = TableCursor.Empty.Advance([odd, At("plain", 0)], [], Lookback);

        var parsed = TableCursor.Parse(Key, cursor.ToString());

        Assert.Equal(cursor.Watermark, parsed.Watermark);
        Assert.Equal(cursor.WindowStart, parsed.WindowStart);
        Assert.Equal(cursor.Recent.OrderBy(e => e.Key, StringComparer.Ordinal), parsed.Recent.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.True(parsed.HasSynced(odd));
        Assert.Equal(cursor.ToString(), parsed.ToString());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"v\":1", "not valid JSON")]
    [InlineData("[1]", "JSON array, not an object")]
    [InlineData("{}", "no integer format version")]
    [InlineData("{\"v\":\"1\"}", "no integer format version")]
    [InlineData("{\"v\":2}", "format version 2, but this plugin reads only version 1")]
    [InlineData("{\"v\":1,\"v\":1}", "not valid JSON")]
    [InlineData("{\"v\":1,\"cursor\":\"x\"}", "unknown field \"cursor\"")]
    [InlineData("{\"v\":1,\"watermark\":\"yesterday\",\"window_start\":\"2026-01-01T10:00:00Z\"}", "watermark \"yesterday\" is not a UTC time")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-13-01T10:00:00Z\",\"window_start\":\"2026-01-01T10:00:00Z\"}", "is not a UTC time")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00\",\"window_start\":\"2026-01-01T10:00:00Z\"}", "is not a UTC time")]
    [InlineData("{\"v\":1,\"watermark\":1767261600,\"window_start\":\"2026-01-01T10:00:00Z\"}", "watermark is not a string")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\"}", "both present or both absent")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\",\"window_start\":\"2026-01-01T11:00:00Z\"}", "is after watermark")]
    [InlineData("{\"v\":1,\"recent\":{\"a\":{\"last_modified\":\"2026-01-01T10:00:00Z\"}}}", "outside the window")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\",\"window_start\":\"2026-01-01T09:00:00Z\",\"recent\":[]}", "\"recent\" is not an object")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\",\"window_start\":\"2026-01-01T09:00:00Z\",\"recent\":{\"a\":{}}}", "recent[\"a\"] has no last_modified")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\",\"window_start\":\"2026-01-01T09:00:00Z\",\"recent\":{\"a\":{\"last_modified\":\"2026-01-01T08:00:00Z\"}}}", "outside the window")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\",\"window_start\":\"2026-01-01T09:00:00Z\",\"recent\":{\"a\":{\"last_modified\":\"2026-01-01T09:30:00Z\",\"etag\":5}}}", "recent[\"a\"].etag is not a string")]
    [InlineData("{\"v\":1,\"watermark\":\"2026-01-01T10:00:00Z\",\"window_start\":\"2026-01-01T09:00:00Z\",\"recent\":{\"a\":{\"last_modified\":\"2026-01-01T09:30:00Z\",\"size\":5}}}", "unknown field \"size\"")]
    public void Parse_CorruptValue_ThrowsNamingKeyAndProblem(string value, string problem)
    {
        var error = Assert.Throws<CursorStateException>(() => TableCursor.Parse(Key, value));

        Assert.Equal(Key, error.StateKey);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains($"'{Key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete the key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhitespaceOnly_IsCorruptNotEmpty()
    {
        Assert.Throws<CursorStateException>(() => TableCursor.Parse(Key, "   "));
    }
}
