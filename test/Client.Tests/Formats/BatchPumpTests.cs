using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Tests.Evolution;

namespace CqSourceS3.Client.Tests.Formats;

/// <summary>
/// <see cref="BatchPump"/> on its own: batches reach the consumer in order, failures and the end reach it as the
/// producer reports them, and whoever stops first, no batch is left undisposed. Producers wait on events the tests
/// set, never on time.
/// </summary>
public sealed class BatchPumpTests
{
    /// <summary>Only turns a hang (a broken pump) into a failure; no assertion depends on it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private static readonly Schema NumberSchema = new([new Field("n", Int32Type.Default, nullable: false)], null);

    private readonly TrackingAllocator _allocator = new();

    [Fact]
    public async Task Start_ProducerHandsBatchesThenReturns_ConsumerTakesThemInOrderThenSeesTheEnd()
    {
        string? threadName = null;
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            threadName = Thread.CurrentThread.Name;
            for (var n = 0; n < 5; n++)
            {
                handoff.Hand(Batch(n));
            }
        }, CancellationToken.None);
        await using (pump)
        {
            var numbers = await TakeAllAsync(pump);
            await pump.Completion.WaitAsync(HangGuard);
            await pump.ProducerStopped.WaitAsync(HangGuard);

            Assert.Equal([0, 1, 2, 3, 4], numbers);
            Assert.Equal("test-pump", threadName);
            Assert.Equal((0, 0), (_allocator.Live, _allocator.DoubleFrees));
        }
    }

    [Fact]
    public async Task WaitToReadAsync_ProducerThrowsAfterABatch_ConsumerTakesTheBatchThenGetsTheSameException()
    {
        var failure = new InvalidDataException("row 7 does not fit");
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            handoff.Hand(Batch(1));
            throw failure;
        }, CancellationToken.None);
        await using (pump)
        {
            Assert.True(await pump.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(HangGuard));
            Assert.True(pump.TryRead(out var batch));
            batch.Dispose();

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => pump.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(HangGuard));

            Assert.Same(failure, error);
        }
    }

    [Fact]
    public async Task Fail_ProducerStillCleaningUp_ConsumerGetsTheFailureWithoutWaitingForIt()
    {
        var failure = new InvalidDataException("corrupt");
        using var release = new ManualResetEventSlim();
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            handoff.Fail(failure);
            release.Wait();
        }, CancellationToken.None);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => pump.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(HangGuard));

            Assert.Same(failure, error);
            Assert.False(pump.ProducerStopped.IsCompleted);
        }
        finally
        {
            release.Set();
            await pump.DisposeAsync();
        }
    }

    [Fact]
    public async Task Complete_ProducerStillCleaningUp_ConsumerSeesTheEndWithoutWaitingForIt()
    {
        using var release = new ManualResetEventSlim();
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            handoff.Hand(Batch(1));
            handoff.Complete();
            release.Wait();
        }, CancellationToken.None);
        try
        {
            var numbers = await TakeAllAsync(pump);

            Assert.Equal([1], numbers);
            Assert.False(pump.ProducerStopped.IsCompleted);
        }
        finally
        {
            release.Set();
            await pump.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisposeAsync_ConsumerStopsEarlyWhileTheProducerIsStuck_DisposesTheWaitingBatchWithoutWaitingForTheProducer()
    {
        using var release = new ManualResetEventSlim();
        var secondHanded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            handoff.Hand(Batch(1));
            handoff.Hand(Batch(2));
            secondHanded.SetResult();
            // Stuck and deaf to every token, like a read that never returns.
            release.Wait();
        }, CancellationToken.None);
        try
        {
            Assert.True(await pump.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(HangGuard));
            Assert.True(pump.TryRead(out var first));
            first.Dispose();
            await secondHanded.Task.WaitAsync(HangGuard);

            await pump.DisposeAsync();

            Assert.Equal((0, 0), (_allocator.Live, _allocator.DoubleFrees));
            Assert.False(pump.ProducerStopped.IsCompleted);
        }
        finally
        {
            release.Set();
        }

        await pump.ProducerStopped.WaitAsync(HangGuard);
        Assert.Equal((0, 0), (_allocator.Live, _allocator.DoubleFrees));
    }

    [Fact]
    public async Task Start_CallerCancelsWhileABatchWaits_ProducerDisposesTheBatchItHandsAndTheOneNeverTaken()
    {
        using var cancellation = new CancellationTokenSource();
        using var release = new ManualResetEventSlim();
        var firstHanded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? handError = null;
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            handoff.Hand(Batch(1));
            firstHanded.SetResult();
            release.Wait();
            try
            {
                handoff.Hand(Batch(2));
            }
            catch (Exception e)
            {
                handError = e;
                throw;
            }
        }, cancellation.Token);
        await using (pump)
        {
            await firstHanded.Task.WaitAsync(HangGuard);

            // The consumer never takes batch 1 and never disposes the pump: only the producer side can free it.
            await cancellation.CancelAsync();
            release.Set();
            await pump.ProducerStopped.WaitAsync(HangGuard);

            Assert.IsAssignableFrom<OperationCanceledException>(handError);
            Assert.Equal((0, 0), (_allocator.Live, _allocator.DoubleFrees));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump.Completion.WaitAsync(HangGuard));
        }
    }

    [Fact]
    public async Task WaitToReadAsync_CallerCancels_ConsumerStopsAndTheProducerIsToldToStop()
    {
        using var cancellation = new CancellationTokenSource();
        var stopSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = BatchPump.Start("test-pump", handoff =>
        {
            handoff.Stop.WaitHandle.WaitOne();
            stopSeen.SetResult();
        }, cancellation.Token);
        await using (pump)
        {
            var waiting = pump.WaitToReadAsync(cancellation.Token).AsTask();

            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
            await stopSeen.Task.WaitAsync(HangGuard);
        }
    }

    [Fact]
    public async Task DisposeAsync_Twice_SecondCallDoesNothing()
    {
        var pump = BatchPump.Start("test-pump", _ => { }, CancellationToken.None);
        await pump.ProducerStopped.WaitAsync(HangGuard);

        await pump.DisposeAsync();
        await pump.DisposeAsync();

        await pump.Completion.WaitAsync(HangGuard);
    }

    private static async Task<List<int>> TakeAllAsync(BatchPump pump)
    {
        var numbers = new List<int>();
        while (await pump.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(HangGuard))
        {
            while (pump.TryRead(out var batch))
            {
                using (batch)
                {
                    numbers.Add(((Int32Array)batch.Column(0)).GetValue(0)!.Value);
                }
            }
        }

        return numbers;
    }

    private RecordBatch Batch(int number) =>
        new(NumberSchema, [new Int32Array.Builder().Append(number).Build(_allocator)], 1);
}
