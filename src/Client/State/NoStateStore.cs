namespace CqSourceS3.Client.State;

/// <summary>
/// The state store of a sync without <c>backend_options</c>: nothing is remembered, so every sync starts from
/// scratch (the Go SDK's no-op state client behaves the same way).
/// </summary>
public sealed class NoStateStore : IStateStore
{
    private NoStateStore()
    {
    }

    /// <summary>The one instance; it holds nothing.</summary>
    public static NoStateStore Instance { get; } = new();

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    public Task SetAsync(string key, string value, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
