using System.Buffers;
using System.Text.Unicode;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Splits a UTF-8 stream into its non-blank lines, each a span over one pooled buffer: no string per line, and never
/// much more than <c>max_line_bytes</c> held, however long a line turns out to be. It skips a byte order mark, strips a
/// trailing <c>\r</c>, and rejects a line that is too long or not valid UTF-8 — System.Text.Json does not check the
/// UTF-8 inside strings, and a json column copies value bytes as they are, so this is the one place that can.
/// </summary>
internal sealed class JsonLineReader : IDisposable
{
    // Large enough that a decompressor or a ranged S3 stream is asked for sizeable reads.
    private const int InitialBufferBytes = 64 * 1024;

    // Below this much room at the end of the buffer, the pending line moves to the front before the next read.
    private const int MinimumReadBytes = 4096;

    private static readonly SearchValues<byte> Blank = SearchValues.Create(" \t\r"u8);
    private static readonly SearchValues<byte> BlankOrNewline = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _scanned;
    private int _end;
    private long _lines;
    private bool _endOfStream;
    private bool _byteOrderMarkChecked;

    /// <summary>Reads lines of at most <paramref name="maxLineBytes"/> bytes (line break excluded) from <paramref name="utf8"/>.</summary>
    public JsonLineReader(Stream utf8, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        _stream = utf8;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>The 1-based number of the line last returned; blank lines count.</summary>
    public long LineNumber => _lines;

    /// <summary>
    /// The next line holding more than whitespace, valid until the next call; false at the end of the stream.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, CancellationToken cancellationToken)
    {
        while (TryReadAnyLine(out line, cancellationToken))
        {
            if (line.IndexOfAnyExcept(Blank) >= 0)
            {
                if (!Utf8.IsValid(line))
                {
                    throw JsonLinesErrors.InvalidUtf8(_lines, line);
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when only blank lines remain. Reads ahead just far enough to see the next non-blank byte and consumes only
    /// whole blank lines, so a following <see cref="TryReadLine"/> still returns the next row.
    /// </summary>
    public bool AtEnd(CancellationToken cancellationToken)
    {
        SkipByteOrderMark(cancellationToken);
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var content = pending.IndexOfAnyExcept(BlankOrNewline);
            var blank = content < 0 ? pending : pending[..content];
            var lastNewline = blank.LastIndexOf((byte)'\n');
            if (lastNewline >= 0)
            {
                _lines += blank[..(lastNewline + 1)].Count((byte)'\n');
                _start += lastNewline + 1;
                _scanned = 0;
            }

            if (content >= 0)
            {
                return false;
            }

            if (!Fill(cancellationToken))
            {
                return true;
            }
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool TryReadAnyLine(out ReadOnlySpan<byte> line, CancellationToken cancellationToken)
    {
        SkipByteOrderMark(cancellationToken);
        while (true)
        {
            // Only the bytes read since the last look are searched, so a line arriving a byte at a time costs linear time.
            var newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TakeLine(_scanned + newline, consumed: _scanned + newline + 1);
                return true;
            }

            _scanned = _end - _start;
            if (!Fill(cancellationToken))
            {
                if (_end == _start)
                {
                    line = default;
                    return false;
                }

                line = TakeLine(_end - _start, consumed: _end - _start);
                return true;
            }
        }
    }

    private ReadOnlySpan<byte> TakeLine(int length, int consumed)
    {
        _lines++;
        var line = _buffer.AsSpan(_start, length);
        _start += consumed;
        _scanned = 0;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Length > _maxLineBytes)
        {
            throw JsonLinesErrors.LineTooLong(_lines, _maxLineBytes);
        }

        return line;
    }

    // Reads more of the line that starts at _start; false at the end of the stream.
    private bool Fill(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_endOfStream)
        {
            return false;
        }

        var pending = _end - _start;

        // Past max + 1 bytes without a newline, the line is too long even once a trailing \r is stripped: stop
        // before buffering any more of it.
        if (pending > _maxLineBytes + 1L)
        {
            throw JsonLinesErrors.LineTooLong(_lines + 1, _maxLineBytes);
        }

        if (_buffer.Length - _end < MinimumReadBytes)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, pending).CopyTo(_buffer);
                _start = 0;
                _end = pending;
            }
            else if (_end == _buffer.Length)
            {
                Grow();
            }
        }

        var read = _stream.Read(_buffer.AsSpan(_end));
        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }

        _end += read;
        return true;
    }

    // Only a line that fills the whole buffer grows it, up to the room one line of max_line_bytes (and \r\n) needs.
    private void Grow()
    {
        var size = (int)Math.Min(Math.Min(_buffer.Length * 2L, _maxLineBytes + 2L), Array.MaxLength);
        var grown = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _end).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }

    private void SkipByteOrderMark(CancellationToken cancellationToken)
    {
        if (_byteOrderMarkChecked)
        {
            return;
        }

        while (_end < 3 && Fill(cancellationToken))
        {
        }

        if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
        {
            _start = 3;
        }

        _byteOrderMarkChecked = true;
    }
}
