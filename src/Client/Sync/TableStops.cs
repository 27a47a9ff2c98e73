namespace CqSourceS3.Client.Sync;

/// <summary>
/// Tables stopped by <c>error_policy: fail</c>. Each table reads under its own token, so stopping one table ends
/// its remaining and in-flight objects while every other table goes on; the first error is the one reported.
/// </summary>
internal sealed class TableStops(CancellationToken syncToken) : IDisposable
{
    private readonly Dictionary<string, CancellationTokenSource> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The token a table's reads run under: cancelled when the sync ends or the table is stopped.</summary>
    public CancellationToken For(string table)
    {
        lock (_lock)
        {
            return TokenSource(table).Token;
        }
    }

    /// <summary>Whether the table was stopped (its cursor must not move).</summary>
    public bool IsStopped(string table)
    {
        lock (_lock)
        {
            return _errors.ContainsKey(table);
        }
    }

    /// <summary>Stops the table with this error; a later error of the same table is ignored.</summary>
    public void Stop(string table, string error)
    {
        CancellationTokenSource source;
        lock (_lock)
        {
            if (!_errors.TryAdd(table, error))
            {
                return;
            }

            // A table stopped before any of its reads began gets its token now, so reads that start later see it cancelled.
            source = TokenSource(table);
        }

        source.Cancel();
    }

    /// <summary>Every stopped table with its error, in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors.OrderBy(e => e.Key, StringComparer.Ordinal)];
            }
        }
    }

    private CancellationTokenSource TokenSource(string table)
    {
        if (!_tokens.TryGetValue(table, out var source))
        {
            source = CancellationTokenSource.CreateLinkedTokenSource(syncToken);
            _tokens[table] = source;
        }

        return source;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var source in _tokens.Values)
            {
                source.Dispose();
            }

            _tokens.Clear();
        }
    }
}
