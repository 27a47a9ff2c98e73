namespace CqSourceS3.Client.State;

/// <summary>
/// The sync's key/value memory between runs (incremental cursors), kept by a CloudQuery state backend when the
/// source spec has <c>backend_options</c>. Reads are served from what was loaded at connect time; writes stay in
/// memory until <see cref="FlushAsync"/>, which the sync calls only after it succeeded, so a failed sync never
/// advances a cursor past rows that were not delivered.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>The value stored under <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="StateStoreException">The backend failed.</exception>
    Task<string?> GetAsync(string key, CancellationToken ct);

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/>; nothing is sent until a flush.</summary>
    /// <exception cref="StateStoreException">The backend failed.</exception>
    Task SetAsync(string key, string value, CancellationToken ct);

    /// <summary>Writes every value changed since the last flush to the backend.</summary>
    /// <exception cref="StateStoreException">The backend failed; the changes stay pending.</exception>
    Task FlushAsync(CancellationToken ct);
}
