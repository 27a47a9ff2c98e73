using System.Text;

namespace CqSourceS3.Client.Tests.Text;

/// <summary>
/// A text object made as it is read, so a test can have a huge one without holding it: an optional
/// <paramref name="header"/> line, then <paramref name="lines"/> lines from <paramref name="line"/>, each with its line
/// break. Counts the bytes handed out and throws once more than <paramref name="readLimit"/> have been, to prove a
/// reader stops early.
/// </summary>
internal sealed class GeneratedTextStream(Func<long, string> line, long lines = long.MaxValue, string? header = null, long readLimit = long.MaxValue) : Stream
{
    private byte[] _pending = [];
    private int _pendingStart;
    private long _nextLine = header is null ? 0 : -1;

    /// <summary>Bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pendingStart == _pending.Length && !NextLine())
            {
                break;
            }

            var take = Math.Min(buffer.Length - written, _pending.Length - _pendingStart);
            _pending.AsSpan(_pendingStart, take).CopyTo(buffer[written..]);
            _pendingStart += take;
            written += take;
        }

        BytesRead += written;
        if (BytesRead > readLimit)
        {
            throw new InvalidOperationException($"read {BytesRead} bytes, past the limit of {readLimit}");
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool NextLine()
    {
        if (_nextLine >= lines)
        {
            return false;
        }

        _pending = Encoding.UTF8.GetBytes((_nextLine < 0 ? header : line(_nextLine)) + "\n");
        _pendingStart = 0;
        _nextLine++;
        return true;
    }
}
