namespace CqSourceS3.Client.Arrow;

/// <summary>
/// The stream a <see cref="RecordStreamEncoder"/>'s IPC writer writes into: each record is written straight into
/// the array it is sent from (<see cref="EncodedRecord.RentArray"/>), which <see cref="Finish"/> hands over as an
/// <see cref="EncodedRecord"/>.
/// Writing into a reused buffer first and copying out afterwards moved every byte sent once more.
/// </summary>
/// <remarks>
/// Write-only and forward-only. <see cref="Position"/> counts from the end of the prefix given to
/// <see cref="Start"/>, where the writer's previous buffer started too, so it sees the positions it always saw.
/// </remarks>
internal sealed class RecordBufferStream : Stream
{
    private byte[] _array = [];
    private bool _pooled;
    private int _length;
    private int _prefixLength;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length - _prefixLength;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Begins a record in an array of at least <paramref name="expectedBytes"/>, starting with
    /// <paramref name="prefix"/>. A record still open is dropped.
    /// </summary>
    public void Start(long expectedBytes, ReadOnlySpan<byte> prefix)
    {
        Release();
        (_array, _pooled) = EncodedRecord.RentArray((int)Math.Clamp(expectedBytes, prefix.Length, Array.MaxLength));
        prefix.CopyTo(_array);
        _length = _prefixLength = prefix.Length;
    }

    /// <summary>Ends the record with <paramref name="suffix"/> and hands its array over; the stream is empty again.</summary>
    public EncodedRecord Finish(ReadOnlySpan<byte> suffix)
    {
        Write(suffix);
        var record = EncodedRecord.Adopt(_array, _length, _pooled);
        _array = [];
        _pooled = false;
        _length = _prefixLength = 0;
        return record;
    }

    /// <summary>What was written since <see cref="Start"/>, prefix included; valid until the next call.</summary>
    public ReadOnlySpan<byte> Written => _array.AsSpan(0, _length);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureRoom(buffer.Length);
        buffer.CopyTo(_array.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Release();
        base.Dispose(disposing);
    }

    /// <summary>Grows by doubling when the estimate fell short: one copy of what was written so far.</summary>
    private void EnsureRoom(int more)
    {
        var needed = (long)_length + more;
        if (needed <= _array.Length)
        {
            return;
        }

        var (bigger, pooled) = EncodedRecord.RentArray((int)Math.Min(Math.Max(needed, 2L * _array.Length), Array.MaxLength));
        _array.AsSpan(0, _length).CopyTo(bigger);
        Release();
        (_array, _pooled) = (bigger, pooled);
    }

    private void Release()
    {
        EncodedRecord.ReturnArray(_array, _pooled);
        _array = [];
        _pooled = false;
    }
}
