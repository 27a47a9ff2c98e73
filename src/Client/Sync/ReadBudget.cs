namespace CqSourceS3.Client.Sync;

/// <summary>
/// Bounds the memory of objects read at once by their weight (an estimate of one row group's compressed bytes,
/// which the decoder pre-buffers), on top of the count bound of <c>concurrency</c>. Many small objects still read
/// many at once, hiding store latency; a few big ones read only as many as the budget holds. An object heavier than
/// the whole budget is admitted when nothing else is in flight, so every object is read.
/// </summary>
internal sealed class ReadBudget(long capacity)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Weight, TaskCompletionSource Admitted)> _waiting = new();
    private long _inFlight;
    private int _holders;

    /// <summary>Waits until <paramref name="weight"/> fits; dispose the result to give it back.</summary>
    public async Task<IDisposable> AcquireAsync(long weight, CancellationToken cancellationToken)
    {
        TaskCompletionSource admitted;
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_lock)
        {
            if (_waiting.Count == 0 && Fits(weight))
            {
                Take(weight);
                return new Lease(this, weight);
            }

            admitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast((weight, admitted));
        }

        using (cancellationToken.Register(() => Cancel(node, cancellationToken)))
        {
            await admitted.Task.ConfigureAwait(false);
        }

        return new Lease(this, weight);
    }

    private bool Fits(long weight) => _holders == 0 || _inFlight + weight <= capacity;

    private void Take(long weight)
    {
        _inFlight += weight;
        _holders++;
    }

    private void Cancel(LinkedListNode<(long Weight, TaskCompletionSource Admitted)> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return;
            }

            _waiting.Remove(node);
        }

        node.Value.Admitted.TrySetCanceled(cancellationToken);
    }

    private void Release(long weight)
    {
        var admit = new List<TaskCompletionSource>();
        lock (_lock)
        {
            _inFlight -= weight;
            _holders--;

            // First come, first served: the head waits until it fits, so a heavy object is not starved by light ones.
            while (_waiting.First is { } first && Fits(first.Value.Weight))
            {
                _waiting.RemoveFirst();
                Take(first.Value.Weight);
                admit.Add(first.Value.Admitted);
            }
        }

        foreach (var waiter in admit)
        {
            waiter.TrySetResult();
        }
    }

    private sealed class Lease(ReadBudget budget, long weight) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(weight);
            }
        }
    }
}
