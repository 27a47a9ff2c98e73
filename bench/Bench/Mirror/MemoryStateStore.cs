using CqSourceS3.Client.State;

namespace CqSourceS3.Bench.Mirror;

/// <summary>
/// A state store that keeps every value in a dictionary: it times computing and encoding the mirror state apart from
/// any backend, and its contents are the state's size as a backend would hold it.
/// </summary>
internal sealed class MemoryStateStore : IStateStore
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public Task<string?> GetAsync(string key, CancellationToken ct) => Task.FromResult(_values.GetValueOrDefault(key));

    public Task SetAsync(string key, string value, CancellationToken ct)
    {
        _values[key] = value;
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
