using System.Text;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

/// <summary>
/// An object of <paramref name="lines"/> lines made as they are read (line i is <paramref name="line"/>(i) and a
/// newline), counting the bytes handed out: stands in for a many-GB object fetched range by range.
/// </summary>
internal sealed class GeneratedLinesStream(Func<long, string> line, long lines = long.MaxValue) : Stream
{
    private byte[] _current = [];
    private int _position;
    private long _next;

    /// <summary>Bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_position == _current.Length)
            {
                if (_next == lines)
                {
                    break;
                }

                _current = Encoding.UTF8.GetBytes(line(_next++) + "\n");
                _position = 0;
            }

            var count = Math.Min(buffer.Length - written, _current.Length - _position);
            _current.AsSpan(_position, count).CopyTo(buffer[written..]);
            _position += count;
            written += count;
        }

        BytesRead += written;
        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
