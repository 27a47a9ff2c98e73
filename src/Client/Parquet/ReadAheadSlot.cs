using System.Buffers;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// One range of an object fetched ahead of the decoder into a pooled array: the next row group, fetched while the
/// current one decodes, so that against a store the download hides behind the decoding instead of alternating with
/// it. The decoder's reads take their bytes from here once the fetch is done (<see cref="CopyTo"/>); the array and
/// its budget go back when every byte was taken or the slot is let go. A fetch that fails keeps its exception for
/// the read that needs those bytes, which fails with it as a read of its own would; a fetch nobody needs fails
/// nothing.
/// </summary>
internal sealed class ReadAheadSlot
{
    private readonly byte[] _buffer;
    private readonly ReadAheadBudget _budget;
    private readonly CancellationTokenSource _stop;
    private readonly Task _fetch;
    private int _taken;
    private int _released;

    private ReadAheadSlot(long start, int length, byte[] buffer, ReadAheadBudget budget, CancellationTokenSource stop, Func<long, Memory<byte>, CancellationToken, Task> fetch)
    {
        Start = start;
        Length = length;
        _buffer = buffer;
        _budget = budget;
        _stop = stop;
        _fetch = fetch(start, buffer.AsMemory(0, length), stop.Token);
    }

    /// <summary>The object offset of the first byte.</summary>
    public long Start { get; }

    public int Length { get; }

    public long End => Start + Length;

    /// <summary>
    /// Starts fetching <paramref name="length"/> bytes from <paramref name="start"/> when <paramref name="budget"/>
    /// has room for them; null when it has not (the bytes are then fetched on demand).
    /// </summary>
    public static ReadAheadSlot? TryStart(
        long start, int length, ReadAheadBudget budget, Func<long, Memory<byte>, CancellationToken, Task> fetch, CancellationToken cancellationToken)
    {
        if (length <= 0 || !budget.TryReserve(length))
        {
            return null;
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new ReadAheadSlot(start, length, ArrayPool<byte>.Shared.Rent(length), budget, stop, fetch);
    }

    /// <summary>Every byte has been taken (the slot has let itself go).</summary>
    public bool Exhausted => Volatile.Read(ref _taken) >= Length;

    /// <summary>True when <paramref name="offset"/> lies inside the slot.</summary>
    public bool Covers(long offset) => offset >= Start && offset < End;

    /// <summary>
    /// Copies the slot's bytes from <paramref name="offset"/> into <paramref name="destination"/> (as many as it holds),
    /// waiting for the fetch first; returns how many were copied. Rethrows the fetch's failure.
    /// </summary>
    public int CopyTo(long offset, Span<byte> destination)
    {
        // Sync over async, as every read of the decoder's stream: it calls us synchronously.
        _fetch.GetAwaiter().GetResult();
        var count = (int)Math.Min(destination.Length, End - offset);
        _buffer.AsSpan((int)(offset - Start), count).CopyTo(destination);
        if (Interlocked.Add(ref _taken, count) >= Length)
        {
            Release();
        }

        return count;
    }

    /// <summary>
    /// Lets the slot go: stops its fetch and, once the fetch has ended (it may still be writing), returns the array
    /// and the budget. Safe to call more than once.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        if (!_fetch.IsCompleted)
        {
            _stop.Cancel();
        }

        _fetch.ContinueWith(
            static (fetch, state) =>
            {
                var slot = (ReadAheadSlot)state!;

                // Observed here, so a fetch nobody needed never surfaces as an unobserved task exception.
                _ = fetch.Exception;
                ArrayPool<byte>.Shared.Return(slot._buffer);
                slot._budget.Release(slot.Length);
                slot._stop.Dispose();
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
