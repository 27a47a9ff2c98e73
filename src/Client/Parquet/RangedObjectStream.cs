using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// A read-only, seekable <see cref="Stream"/> over one stored object that reads only explicit ranges, through a
/// <see cref="RangeFetch"/> for the object's store. The object's size comes from the listing, so
/// even the tail is an explicit range: suffix ranges (<c>bytes=-N</c>) are never used, because some S3-compatible
/// servers answer them wrongly.
/// </summary>
/// <remarks>
/// Small sequential reads are served from one read-ahead block (fetched from the read position, clipped to the
/// object's end); a read at least as large as the block is fetched exactly as asked, straight into the caller's memory
/// from a local folder, else through a pooled array that is given back before the read returns. So an open object
/// holds one block of memory, whatever the object's size.
/// The Parquet decoder calls this stream from native threads and turns any exception into an error string, so the
/// first failure of any read is kept in <see cref="Failure"/>: the classifier takes it as the cause, with its real type.
/// While a row group decodes, the next one can be fetched ahead (<see cref="ReadAheadNextRowGroup"/>): its span is
/// taken to be as long as the current row group's and to follow it, which is how writers lay row groups out.
/// </remarks>
internal sealed class RangedObjectStream : Stream
{
    private readonly RangeFetch _fetch;
    private readonly StoredObject _object;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _block;
    private readonly Lock _gate = new();
    private long _blockStart;
    private int _blockLength;
    private long _position;
    private long _spanStart = long.MaxValue;
    private long _spanEnd = -1;
    private ReadAheadSlot? _slot;

    public RangedObjectStream(IObjectStore store, StoredObject obj, int readAheadBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentOutOfRangeException.ThrowIfLessThan(readAheadBytes, 1);
        _fetch = RangeFetch.For(store, obj, cancellationToken);
        _object = obj;
        _cancellationToken = cancellationToken;
        _block = new byte[(int)Math.Min(readAheadBytes, Math.Max(obj.Size, 1))];
    }

    /// <summary>Bytes received from the store so far (what a benchmark compares with the object's size).</summary>
    public long BytesFetched => _fetch.BytesFetched;

    /// <summary>How many ranged reads were sent to the store.</summary>
    public int RequestCount => _fetch.RequestCount;

    /// <summary>The first exception a ranged read threw (store failure, cancellation), if any.</summary>
    public Exception? Failure => _fetch.Failure;

    /// <summary>Raised when the stream is closed: by the native decoder's input file, as its very last call.</summary>
    public event EventHandler? Closed;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _object.Size;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>
    /// Loads bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> - 1 (clipped to
    /// the object and to the block size) into the read-ahead block, so that the reads that follow are served from it.
    /// Used to fetch exactly the footer window the decoder will ask for.
    /// </summary>
    public void Prefetch(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (_gate)
        {
            var count = (int)Math.Min(Math.Min(length, _block.Length), Math.Max(_object.Size - offset, 0));
            _fetch.Fetch(offset, _block.AsMemory(0, count));
            _blockStart = offset;
            _blockLength = count;
        }
    }

    /// <summary>Starts observing which bytes the decoder reads for the row group it is about to read.</summary>
    public void BeginRowGroup()
    {
        lock (_gate)
        {
            _spanStart = long.MaxValue;
            _spanEnd = -1;
        }
    }

    /// <summary>
    /// Fetches the next row group ahead, in the background, when <paramref name="budget"/> has room: as many bytes as
    /// the decoder read since <see cref="BeginRowGroup"/>, from where those ended, never into the last 8 bytes
    /// (footer length and magic). Called once the current row group's bytes are all in (its first batch decoded), so
    /// the download overlaps the decoding of that row group.
    /// </summary>
    public void ReadAheadNextRowGroup(ReadAheadBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        lock (_gate)
        {
            // A local folder reads straight into the decoder's buffers: nothing to overlap, a copy to save.
            if (!_fetch.ReadsAhead || _spanEnd < 0 || _cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var start = _spanEnd;
            var end = _spanEnd + Math.Min(_spanEnd - _spanStart, _object.Size - 8 - _spanEnd);

            // Row groups smaller than the block: the block may hold the next one's first bytes (or all of it) already.
            if (start >= _blockStart && start < _blockStart + _blockLength)
            {
                start = _blockStart + _blockLength;
            }

            var length = end - start;
            if (length <= 0 || length > Array.MaxLength)
            {
                return;
            }

            _slot?.Release();
            _slot = ReadAheadSlot.TryStart(start, (int)length, budget, _fetch.FetchAheadAsync, _cancellationToken);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            try
            {
                var wanted = (int)Math.Min(buffer.Length, Math.Max(_object.Size - _position, 0));
                if (wanted > 0)
                {
                    _spanStart = Math.Min(_spanStart, _position);
                    _spanEnd = Math.Max(_spanEnd, _position + wanted);
                }

                var done = 0;
                var fromSlot = false;
                while (done < wanted)
                {
                    done += ReadOnce(buffer[done..wanted], ref fromSlot);
                }

                return done;
            }
            catch (Exception e)
            {
                // Whatever stopped a read (the store, memory, cancellation) is the cause of the decoder's failure.
                _fetch.Remember(e);
                throw;
            }
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        lock (_gate)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                SeekOrigin.End => _object.Size + offset,
                _ => throw new ArgumentOutOfRangeException(nameof(origin)),
            };
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
            if (target < _blockStart || target >= _blockStart + _blockLength)
            {
                _blockLength = 0;
            }

            _position = target;
            return target;
        }
    }

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _slot?.Release();
                _slot = null;
            }

            Closed?.Invoke(this, EventArgs.Empty);
        }

        base.Dispose(disposing);
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <param name="destination">Where the bytes from the read position go.</param>
    /// <param name="fromSlot">
    /// Set once the read-ahead slot served part of this read: the rest (a row group a little longer than predicted) is
    /// then fetched exactly, not as a whole read-ahead block that the next row group's read-ahead would fetch again.
    /// </param>
    private int ReadOnce(Span<byte> destination, ref bool fromSlot)
    {
        if (_slot is { } slot && slot.Covers(_position))
        {
            var copied = slot.CopyTo(_position, destination);
            if (slot.Exhausted)
            {
                _slot = null;
            }

            _position += copied;
            fromSlot = true;
            return copied;
        }

        // Bytes the read-ahead slot holds further on are taken from it, not fetched a second time.
        if (_slot is { } ahead && ahead.Start > _position && ahead.Start - _position < destination.Length)
        {
            destination = destination[..(int)(ahead.Start - _position)];
        }

        if (_position >= _blockStart && _position < _blockStart + _blockLength)
        {
            var available = (int)Math.Min(destination.Length, _blockStart + _blockLength - _position);
            _block.AsSpan((int)(_position - _blockStart), available).CopyTo(destination);
            _position += available;
            return available;
        }

        if (destination.Length >= _block.Length || fromSlot)
        {
            // A large read (a column chunk, a coalesced range) gains nothing from the block: fetch it as asked.
            _fetch.Fetch(_position, destination);
            _blockLength = 0;
            _position += destination.Length;
            return destination.Length;
        }

        var blockLength = (int)Math.Min(_block.Length, (_slot is { } next && next.Start > _position ? next.Start : _object.Size) - _position);
        _fetch.Fetch(_position, _block.AsMemory(0, blockLength));
        _blockStart = _position;
        _blockLength = blockLength;
        return ReadOnce(destination, ref fromSlot);
    }
}
