using CqSourceS3.Client.State;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// A hand-written in-memory <see cref="IStateStore"/> for unit tests: values set since the last flush are pending
/// until <see cref="FlushAsync"/>, so a test can tell what a sync merely set from what it committed.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);

    /// <summary>Starts with <paramref name="committed"/> as if an earlier sync had flushed it.</summary>
    public InMemoryStateStore(IEnumerable<KeyValuePair<string, string>>? committed = null)
    {
        foreach (var (key, value) in committed ?? [])
        {
            _committed[key] = value;
        }
    }

    /// <summary>What the last flush left in the "backend".</summary>
    public IReadOnlyDictionary<string, string> Committed
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_committed, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>How many times <see cref="FlushAsync"/> ran.</summary>
    public int FlushCount { get; private set; }

    /// <summary>Set by <see cref="DisposeAsync"/>.</summary>
    public bool Disposed { get; private set; }

    /// <summary>When set, the next flush throws it (and keeps the pending values), imitating a backend failure.</summary>
    public Exception? FailNextFlush { get; set; }

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_pending.TryGetValue(key, out var pending) ? pending : _committed.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task SetAsync(string key, string value, CancellationToken ct)
    {
        lock (_lock)
        {
            _pending[key] = value;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            FlushCount++;
            if (FailNextFlush is { } failure)
            {
                FailNextFlush = null;
                return Task.FromException(failure);
            }

            foreach (var (key, value) in _pending)
            {
                _committed[key] = value;
            }

            _pending.Clear();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
