using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// Reads an object from its start in explicit ranges that grow (256 KiB, then doubling up to 8 MiB), so inference
/// that needs the first thousand rows fetches about that much, never the whole object, and one that needs more
/// does not pay a request per small block. Used by discovery only; a sync reads the object in one request.
/// </summary>
internal sealed class PrefixRangeStream(IObjectStore store, StoredObject obj, CancellationToken cancellationToken) : ForwardReadStream
{
    private const int FirstRangeBytes = 256 * 1024;
    private const int LargestRangeBytes = 8 * 1024 * 1024;

    private Stream? _range;
    private long _next;
    private int _rangeBytes = FirstRangeBytes;

    /// <summary>Bytes asked of the store so far.</summary>
    public long BytesRequested => _next;

    public override long Length => obj.Size;

    public override int Read(Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_range is null && !OpenNext())
            {
                return 0;
            }

            var read = _range!.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _range.Dispose();
            _range = null;
        }

        return 0;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _range?.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool OpenNext()
    {
        var length = Math.Min(_rangeBytes, obj.Size - _next);
        if (length <= 0)
        {
            return false;
        }

        // Discovery runs this on its own thread: blocking here ties up no pool thread.
        _range = store.OpenRangeAsync(obj, _next, length, cancellationToken).GetAwaiter().GetResult();
        _next += length;
        _rangeBytes = Math.Min(_rangeBytes * 2, LargestRangeBytes);
        return true;
    }
}
