using CqSourceS3.Client.Sync;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>The byte budget of objects read at once: fits admit at once, the rest wait in order, a heavy object reads alone.</summary>
public sealed class ReadBudgetTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AcquireAsync_WeightsWithinCapacity_AreAdmittedTogether()
    {
        var budget = new ReadBudget(100);

        using var first = await budget.AcquireAsync(60, CancellationToken.None);
        using var second = await budget.AcquireAsync(40, CancellationToken.None);
        var third = budget.AcquireAsync(1, CancellationToken.None);

        Assert.False(third.IsCompleted);
        second.Dispose();
        (await third.WaitAsync(Generous)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_HeavierThanTheWholeBudget_IsAdmittedAloneOnceTheOthersAreDone()
    {
        var budget = new ReadBudget(100);
        var light = await budget.AcquireAsync(10, CancellationToken.None);

        var heavy = budget.AcquireAsync(500, CancellationToken.None);
        Assert.False(heavy.IsCompleted);
        light.Dispose();
        using var admitted = await heavy.WaitAsync(Generous);

        var next = budget.AcquireAsync(1, CancellationToken.None);
        Assert.False(next.IsCompleted);
        admitted.Dispose();
        (await next.WaitAsync(Generous)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_LightRequestBehindAWaitingHeavyOne_WaitsItsTurn()
    {
        var budget = new ReadBudget(100);
        var held = await budget.AcquireAsync(80, CancellationToken.None);
        var heavy = budget.AcquireAsync(90, CancellationToken.None);

        var light = budget.AcquireAsync(10, CancellationToken.None);

        Assert.False(light.IsCompleted);
        held.Dispose();
        using var heavyLease = await heavy.WaitAsync(Generous);
        (await light.WaitAsync(Generous)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndLeavesTheQueue()
    {
        var budget = new ReadBudget(100);
        var held = await budget.AcquireAsync(100, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.AcquireAsync(50, cancel.Token);
        var after = budget.AcquireAsync(50, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Generous));
        held.Dispose();

        (await after.WaitAsync(Generous)).Dispose();
    }
}
