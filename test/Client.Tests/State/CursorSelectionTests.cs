using CqSourceS3.Client.State;
using static CqSourceS3.Client.Tests.State.CursorRuns;

namespace CqSourceS3.Client.Tests.State;

public sealed class CursorSelectionTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(3);

    [Fact]
    public void Advance_TransientFailureBelowNewWatermark_ReadAgainNextRun()
    {
        var listed = new[] { At("a", 0), At("flaky", 60), At("c", 7200) };
        var selection = CursorFilter.Select(TableCursor.Empty, listed, Now, Settle);

        var cursor = selection.Advance([listed[0], listed[2]], [listed[1]], [], Lookback);
        var next = CursorFilter.Select(cursor, listed, Now.AddHours(1), Settle);

        // The watermark stays where the successes put it; the window start is held down to the failed object instead.
        Assert.Equal(T0.AddSeconds(7200), cursor.Watermark);
        Assert.Equal(T0.AddSeconds(60), cursor.WindowStart);
        Assert.DoesNotContain("flaky", cursor.Recent.Keys);
        Assert.Equal(["flaky"], Keys(next));
    }

    [Fact]
    public void Advance_TransientFailureThenSuccess_WindowClosesAgain()
    {
        var listed = new[] { At("a", 0), At("flaky", 60), At("c", 7200) };
        var selection = CursorFilter.Select(TableCursor.Empty, listed, Now, Settle);
        var held = selection.Advance([listed[0], listed[2]], [listed[1]], [], Lookback);

        var retry = CursorFilter.Select(held, listed, Now, Settle);
        var closed = retry.Advance(retry.ToRead.ToList(), [], [], Lookback);

        Assert.Equal(T0.AddSeconds(7200 - 3600), closed.WindowStart);
        Assert.Equal(["c"], closed.Recent.Keys);
        Assert.Empty(CursorFilter.Select(closed, listed, Now, Settle).ToRead);
    }

    [Fact]
    public void Advance_EveryObjectFailsTransiently_NextRunReadsAllAgain()
    {
        var listed = new[] { At("a", 0), At("b", 60) };
        var selection = CursorFilter.Select(TableCursor.Empty, listed, Now, Settle);

        var cursor = selection.Advance([], listed, [], Lookback);

        Assert.True(cursor.IsEmpty);
        Assert.Equal(["a", "b"], Keys(CursorFilter.Select(cursor, listed, Now, Settle)));
    }

    [Fact]
    public void Advance_PermanentFailure_NotReadAgainUntilRewritten()
    {
        var listed = new[] { At("a", 0), At("corrupt", 60) };
        var selection = CursorFilter.Select(TableCursor.Empty, listed, Now, Settle);
        var cursor = selection.Advance([listed[0]], [], [listed[1]], Lookback);

        var unchanged = CursorFilter.Select(cursor, listed, Now, Settle);
        var rewritten = CursorFilter.Select(cursor, [listed[0], At("corrupt", 60, "fixed")], Now, Settle);

        Assert.Empty(unchanged.ToRead);
        Assert.Equal(["corrupt"], Keys(rewritten));
    }

    [Fact]
    public void Advance_SelectedObjectNotReported_TreatedAsUnfinished()
    {
        var listed = new[] { At("a", 0), At("cancelled", 60), At("c", 120) };
        var selection = CursorFilter.Select(TableCursor.Empty, listed, Now, Settle);

        var cursor = selection.Advance([listed[0], listed[2]], [], [], Lookback);

        Assert.Equal(["cancelled"], Keys(CursorFilter.Select(cursor, listed, Now, Settle)));
    }

    [Fact]
    public void Advance_ObjectReportedThatWasNotSelected_Throws()
    {
        var selection = CursorFilter.Select(TableCursor.Empty, [At("a", 0), At("young", 3 * 3600)], Now, Settle);

        var error = Assert.Throws<ArgumentException>(() => selection.Advance([At("a", 0), At("young", 3 * 3600)], [], [], Lookback));

        Assert.Contains("'young'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_TooYoungObjectBelowFutureWatermark_StillReadLater()
    {
        // A cursor written while our clock ran ahead: its watermark is later than now - settle.
        var (_, ahead) = Run(TableCursor.Empty, [At("a", 600)], T0.AddHours(1));
        var listed = new[] { At("a", 600), At("young", 500) };

        var selection = CursorFilter.Select(ahead, listed, T0.AddSeconds(600), Settle);
        var cursor = selection.Advance([], [], [], TimeSpan.Zero);
        var later = CursorFilter.Select(cursor, listed, T0.AddHours(1), Settle);

        Assert.Equal(["young"], selection.TooYoung.Select(obj => obj.Key));
        Assert.Equal(["young"], Keys(later));
    }

    [Fact]
    public void Advance_NegativeLookback_Throws()
    {
        var selection = CursorFilter.Select(TableCursor.Empty, [], Now, Settle);

        Assert.Throws<ArgumentOutOfRangeException>(() => selection.Advance([], [], [], TimeSpan.FromSeconds(-1)));
    }
}
