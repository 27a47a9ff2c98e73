using System.Text;

namespace CqSourceS3.Client.Tests.Text.Csv;

/// <summary>
/// A CSV object made as it is read, so a test can have a huge one without holding it: a header, then
/// <paramref name="rows"/> rows from <paramref name="row"/> (each written with its line break). Counts the bytes read
/// and throws once more than <paramref name="readLimit"/> have been, to prove a reader stops early.
/// </summary>
internal sealed class GeneratedCsvStream(string header, long rows, Func<long, string> row, long readLimit = long.MaxValue) : Stream
{
    private readonly byte[] _header = Encoding.UTF8.GetBytes(header + "\n");
    private byte[] _pending = [];
    private int _pendingStart;
    private long _nextRow = -1;

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
        if (_nextRow >= rows)
        {
            return false;
        }

        _pending = _nextRow < 0 ? _header : Encoding.UTF8.GetBytes(row(_nextRow) + "\n");
        _pendingStart = 0;
        _nextRow++;
        return true;
    }
}
