using CqSourceS3.Client.Sync;

namespace CqSourceS3.Client.Tests.Sync;

public sealed class TableStopsTests
{
    [Fact]
    public void Stop_BeforeTheTablesFirstRead_LaterReadsGetACancelledTokenAndOtherTablesDoNot()
    {
        using var stops = new TableStops(CancellationToken.None);

        stops.Stop("alpha", "first error");
        stops.Stop("alpha", "second error");

        Assert.True(stops.For("alpha").IsCancellationRequested);
        Assert.False(stops.For("beta").IsCancellationRequested);
        Assert.Equal([new KeyValuePair<string, string>("alpha", "first error")], stops.Errors);
    }

    [Fact]
    public void Stop_DuringARead_CancelsTheTokenThatReadHolds()
    {
        using var stops = new TableStops(CancellationToken.None);
        var token = stops.For("alpha");

        stops.Stop("alpha", "error");

        Assert.True(token.IsCancellationRequested);
        Assert.True(stops.IsStopped("alpha"));
    }

    [Fact]
    public void For_SyncCancelled_EveryTableTokenIsCancelled()
    {
        using var sync = new CancellationTokenSource();
        using var stops = new TableStops(sync.Token);
        var token = stops.For("alpha");

        sync.Cancel();

        Assert.True(token.IsCancellationRequested);
        Assert.False(stops.IsStopped("alpha"));
    }
}
