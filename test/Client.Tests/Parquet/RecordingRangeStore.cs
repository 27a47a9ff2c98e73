using System.Collections.Concurrent;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// A store of one object for the row-group read-ahead tests: records every ranged request in the order it arrived,
/// serves the object's bytes, and lets a test hold, fail or watch single requests (<see cref="OnRequest"/>) and see
/// when the stream a request was served with is disposed (<see cref="OnStreamDisposed"/>), which is the last thing a
/// fetch does with it.
/// </summary>
internal sealed class RecordingRangeStore : IObjectStore
{
    private readonly ConcurrentQueue<RangeRead> _requests = new();
    private readonly byte[] _content;

    public RecordingRangeStore(byte[] content, string key = "data/object.bin")
    {
        _content = content ?? throw new ArgumentNullException(nameof(content));
        Object = new StoredObject(key, content.Length, DateTimeOffset.UnixEpoch, ETag: "\"1\"");
    }

    /// <summary>The one object, as listed.</summary>
    public StoredObject Object { get; }

    /// <inheritdoc />
    public string Location => "memory://read-ahead";

    /// <summary>Every ranged request so far, in the order they arrived.</summary>
    public IReadOnlyList<RangeRead> Requests => [.. _requests];

    /// <summary>Bytes asked for by all requests so far.</summary>
    public long BytesRequested => _requests.Sum(r => r.Length);

    /// <summary>Awaited for each request once it is recorded, before its bytes are served: may throw or wait.</summary>
    public Func<RangeRead, CancellationToken, Task>? OnRequest { get; set; }

    /// <summary>Called when the stream that served a request is disposed.</summary>
    public Action<RangeRead>? OnStreamDisposed { get; set; }

    /// <summary>Bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> - 1 of the object.</summary>
    public byte[] Slice(long offset, int length) => _content.AsSpan((int)offset, length).ToArray();

    /// <summary>An object of <paramref name="length"/> bytes whose every byte depends on its offset.</summary>
    public static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251))];

    /// <inheritdoc />
    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        new[] { Object }.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).ToAsyncEnumerable();

    /// <inheritdoc />
    public async Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Key != Object.Key || offset < 0 || length <= 0 || offset + length > _content.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"range {offset}+{length} is outside '{obj.Key}' ({_content.Length} bytes)");
        }

        var request = new RangeRead(obj.Key, offset, length);
        _requests.Enqueue(request);
        if (OnRequest is { } onRequest)
        {
            await onRequest(request, cancellationToken).ConfigureAwait(false);
        }

        return new ServedStream(_content, (int)offset, (int)length, () => OnStreamDisposed?.Invoke(request));
    }

    /// <inheritdoc />
    public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The requested bytes, reporting its disposal once.</summary>
    private sealed class ServedStream(byte[] content, int offset, int length, Action onDispose)
        : MemoryStream(content, offset, length, writable: false)
    {
        private int _disposed;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                onDispose();
            }
        }
    }
}
