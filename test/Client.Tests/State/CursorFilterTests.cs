using CqSourceS3.Client.State;
using static CqSourceS3.Client.Tests.State.CursorRuns;

namespace CqSourceS3.Client.Tests.State;

public sealed class CursorFilterTests
{
    private static readonly DateTimeOffset Later = T0.AddHours(2);

    [Fact]
    public void Select_EmptyCursor_ReadsEveryObject()
    {
        var listed = new[] { At("a", 0), At("b", 60), At("c", 3600) };

        var selection = CursorFilter.Select(TableCursor.Empty, listed, Later, Settle);

        Assert.Equal(["a", "b", "c"], Keys(selection));
        Assert.Equal(0, selection.SkippedAsSynced);
        Assert.Equal(0, selection.SkippedAsTooYoung);
    }

    [Fact]
    public void Select_SecondRunWithNothingNew_ReadsNothing()
    {
        var listed = new[] { At("a", 0), At("b", 60), At("c", 3600) };
        var (_, cursor) = Run(TableCursor.Empty, listed, Later);

        var selection = CursorFilter.Select(cursor, listed, Later.AddHours(1), Settle);

        Assert.Empty(selection.ToRead);
        Assert.Equal(3, selection.SkippedAsSynced);
    }

    [Fact]
    public void Select_OneNewObject_ReadsOnlyIt()
    {
        var (_, cursor) = Run(TableCursor.Empty, [At("a", 0), At("b", 60)], Later);

        var selection = CursorFilter.Select(cursor, [At("a", 0), At("b", 60), At("c", 120)], Later, Settle);

        Assert.Equal(["c"], Keys(selection));
        Assert.Equal(2, selection.SkippedAsSynced);
    }

    [Fact]
    public void Select_NewObjectInTheWatermarkSecond_ReadsIt()
    {
        var (_, cursor) = Run(TableCursor.Empty, [At("a", 60)], Later);
        Assert.Equal(T0.AddSeconds(60), cursor.Watermark);

        var selection = CursorFilter.Select(cursor, [At("a", 60), At("b", 60)], Later, Settle);

        Assert.Equal(["b"], Keys(selection));
    }

    [Fact]
    public void Select_LateArrivalInsideLookback_ReadsIt()
    {
        var (_, cursor) = Run(TableCursor.Empty, [At("a", 0), At("b", 3000)], Later);

        // Uploaded slowly: stamped 40 minutes before the watermark, visible only now.
        var selection = CursorFilter.Select(cursor, [At("a", 0), At("b", 3000), At("late", 600)], Later, Settle);

        Assert.Equal(["late"], Keys(selection));
    }

    [Fact]
    public void Select_LateArrivalOlderThanLookback_IsNotReadDocumentedLimit()
    {
        var (_, cursor) = Run(TableCursor.Empty, [At("a", 0), At("b", 7200)], Later.AddHours(1));

        var selection = CursorFilter.Select(cursor, [At("a", 0), At("b", 7200), At("too-late", 3599)], Later.AddHours(1), Settle);

        Assert.Empty(selection.ToRead);
        Assert.Equal(3, selection.SkippedAsSynced);
    }

    [Fact]
    public void Select_SameKeyNewerLastModified_ReadsRewrite()
    {
        var (_, cursor) = Run(TableCursor.Empty, [At("a", 0), At("b", 60)], Later);

        var selection = CursorFilter.Select(cursor, [At("a", 0), At("b", 90)], Later, Settle);

        Assert.Equal(["b"], Keys(selection));
    }

    [Fact]
    public void Select_SameKeySameSecondDifferentETag_ReadsRewrite()
    {
        var (_, cursor) = Run(TableCursor.Empty, [At("a", 0), At("b", 60, "v1")], Later);

        var selection = CursorFilter.Select(cursor, [At("a", 0, etag: "etag-a"), At("b", 60, "v2")], Later, Settle);

        Assert.Equal(["b"], Keys(selection));
    }

    [Fact]
    public void Select_SameKeySameSecondDifferentVersionId_ReadsRewrite()
    {
        var first = At("b", 60) with { VersionId = "1" };
        var (_, cursor) = Run(TableCursor.Empty, [first], Later);

        var selection = CursorFilter.Select(cursor, [first with { VersionId = "2" }], Later, Settle);

        Assert.Single(selection.ToRead);
    }

    [Fact]
    public void Select_ObjectsInsideSettleWindow_LeftForLaterAndCounted()
    {
        var now = T0.AddMinutes(10);
        var listed = new[] { At("old", 0), At("edge", 300), At("young", 301) };

        var selection = CursorFilter.Select(TableCursor.Empty, listed, now, Settle);

        Assert.Equal(["edge", "old"], Keys(selection));
        Assert.Equal(["young"], selection.TooYoung.Select(obj => obj.Key));
        Assert.Equal(1, selection.SkippedAsTooYoung);
    }

    [Fact]
    public void Select_ObjectStampedInTheFuture_DeferredUntilOurClockPassesIt()
    {
        // The store's clock runs an hour ahead of ours.
        var now = T0;
        var listed = new[] { At("past", -600), At("future", 3600) };

        var (first, cursor) = Run(TableCursor.Empty, listed, now);
        var (second, _) = Run(cursor, listed, now.AddHours(1).AddMinutes(5));

        Assert.Equal(["past"], Keys(first));
        Assert.Equal(["future"], first.TooYoung.Select(obj => obj.Key));
        Assert.Equal(T0.AddSeconds(-600), cursor.Watermark);
        Assert.Equal(["future"], Keys(second));
    }

    [Fact]
    public void Select_FutureObjectDeferred_WatermarkNeverPassesNowMinusSettle()
    {
        var now = T0;
        var listed = new[] { At("future", 3600) };

        var (_, cursor) = Run(TableCursor.Empty, listed, now);
        var (_, afterNormalUpload) = Run(cursor, [.. listed, At("normal", 120)], now.AddMinutes(10));

        // Had the future object been read at once, the watermark would sit at T0+1h and "normal" would be lost.
        Assert.True(cursor.IsEmpty);
        Assert.Equal(T0.AddSeconds(120), afterNormalUpload.Watermark);
    }

    [Fact]
    public void Select_ZeroSettle_ReadsUpToNow()
    {
        var selection = CursorFilter.Select(TableCursor.Empty, [At("now", 0), At("next-second", 1)], T0, TimeSpan.Zero);

        Assert.Equal(["now"], Keys(selection));
        Assert.Equal(1, selection.SkippedAsTooYoung);
    }

    [Fact]
    public void Select_NegativeSettle_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CursorFilter.Select(TableCursor.Empty, [], T0, TimeSpan.FromSeconds(-1)));
    }
}
