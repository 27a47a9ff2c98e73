using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// The characters of a UTF-8 stream, for the CSV parser: a byte order mark is dropped, and invalid UTF-8 throws
/// <see cref="DecoderFallbackException"/> instead of becoming U+FFFD, because a replaced character would put corrupt
/// text into the table without anyone noticing. Reads a buffer at a time, so memory stays bounded whatever the
/// object's size. The stream stays open: its owner disposes it.
/// </summary>
internal sealed class StrictUtf8Reader(Stream utf8) : TextReader
{
    private const int ByteBufferSize = 64 * 1024;
    private const int CharBufferSize = 16 * 1024;

    private readonly Stream _utf8 = utf8;
    private readonly byte[] _bytes = new byte[ByteBufferSize];
    private int _byteStart;
    private int _byteEnd;
    private bool _endOfStream;
    private bool _bomChecked;
    private long _byteOffset;

    // Characters decoded but not handed out yet: what skipping lines left over, or a surrogate pair a one-character read split.
    private readonly char[] _chars = new char[CharBufferSize];
    private int _charStart;
    private int _charEnd;

    /// <summary>Characters returned by the Read methods so far (skipped lines not counted).</summary>
    public long CharsRead { get; private set; }

    /// <summary>Lines <see cref="SkipLines"/> has passed so far.</summary>
    public int LinesSkipped { get; private set; }

    /// <summary>
    /// Drops the first <paramref name="count"/> lines (ended by LF, CRLF or CR); false when the text ended before.
    /// Only valid before the first read.
    /// </summary>
    public bool SkipLines(int count)
    {
        while (LinesSkipped < count)
        {
            if (_charStart == _charEnd && !FillChars())
            {
                return false;
            }

            var pending = _chars.AsSpan(_charStart, _charEnd - _charStart);
            var lineEnd = pending.IndexOfAny('\r', '\n');
            if (lineEnd < 0)
            {
                _charStart = _charEnd;
                continue;
            }

            _charStart += lineEnd + 1;
            LinesSkipped++;
            if (pending[lineEnd] == '\r' && (_charStart < _charEnd || FillChars()) && _chars[_charStart] == '\n')
            {
                _charStart++;
            }
        }

        return true;
    }

    /// <summary>
    /// True when every character has been read and the stream has no more bytes; may read the stream once to find out.
    /// </summary>
    public bool IsAtEnd()
    {
        if (_charStart < _charEnd || _byteStart < _byteEnd)
        {
            return false;
        }

        if (!_endOfStream)
        {
            FillBytes();
        }

        return _endOfStream && _byteStart == _byteEnd;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int read;
        if (_charStart < _charEnd || buffer.Length == 1)
        {
            // A one-character buffer may be too small for the next character (a surrogate pair): decode into ours.
            if (_charStart == _charEnd && !FillChars())
            {
                return 0;
            }

            read = Math.Min(buffer.Length, _charEnd - _charStart);
            _chars.AsSpan(_charStart, read).CopyTo(buffer);
            _charStart += read;
        }
        else
        {
            read = Decode(buffer);
        }

        CharsRead += read;
        return read;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => _charStart < _charEnd || FillChars() ? _chars[_charStart] : -1;

    private bool FillChars()
    {
        _charStart = 0;
        _charEnd = Decode(_chars);
        return _charEnd > 0;
    }

    // Decodes into destination as many characters as the buffered bytes give (reading the stream when there are none);
    // 0 only at the end. Characters before an invalid sequence are returned first; the next call throws.
    private int Decode(Span<char> destination)
    {
        while (true)
        {
            var status = Utf8.ToUtf16(_bytes.AsSpan(_byteStart, _byteEnd - _byteStart), destination, out var bytesRead,
                out var charsWritten, replaceInvalidSequences: false, isFinalBlock: _endOfStream);
            _byteStart += bytesRead;
            _byteOffset += bytesRead;
            if (charsWritten > 0)
            {
                return charsWritten;
            }

            switch (status)
            {
                case OperationStatus.InvalidData:
                    throw new DecoderFallbackException($"not valid UTF-8 (at byte offset {_byteOffset})");
                case OperationStatus.DestinationTooSmall:
                    throw new ArgumentException("The buffer cannot hold a surrogate pair.", nameof(destination));
                case OperationStatus.Done when _endOfStream:
                    return 0;
                default:
                    FillBytes();
                    break;
            }
        }
    }

    // Keeps the bytes not decoded yet (part of a character) and reads more after them.
    private void FillBytes()
    {
        var kept = _byteEnd - _byteStart;
        _bytes.AsSpan(_byteStart, kept).CopyTo(_bytes);
        _byteStart = 0;
        _byteEnd = kept;
        var read = _bomChecked ? _utf8.Read(_bytes, kept, _bytes.Length - kept) : ReadPastBom();
        _byteEnd += read;
        _endOfStream = read == 0;
    }

    private int ReadPastBom()
    {
        _bomChecked = true;
        var read = _utf8.ReadAtLeast(_bytes, Preamble.Length, throwOnEndOfStream: false);
        if (read >= Preamble.Length && _bytes.AsSpan(0, Preamble.Length).SequenceEqual(Preamble))
        {
            _byteStart = Preamble.Length;
            _byteOffset = Preamble.Length;
        }

        return read;
    }

    private static ReadOnlySpan<byte> Preamble => [0xEF, 0xBB, 0xBF];
}
