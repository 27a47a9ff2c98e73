using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// The ranged reads of a store that fills any memory synchronously (<see cref="IDirectRangeReader"/>, a local folder):
/// a local file is read straight into the decoder's memory, with no pooled array and no second copy.
/// </summary>
internal sealed class DirectRangeFetch(IDirectRangeReader reader, StoredObject obj, CancellationToken cancellationToken)
    : RangeFetch(obj, cancellationToken)
{
    /// <summary>A local folder reads straight into the decoder's buffers: nothing to overlap, a copy to save.</summary>
    public override bool ReadsAhead => false;

    /// <summary>Fills all of <paramref name="destination"/>: the reader throws when the file has fewer bytes.</summary>
    protected override int Read(long offset, Span<byte> destination, Memory<byte> managed)
    {
        reader.ReadRange(Object, offset, destination, CancellationToken);
        return destination.Length;
    }

    /// <summary>Never called: a direct store is not read ahead (<see cref="ReadsAhead"/>).</summary>
    protected override Task<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        throw new NotSupportedException("a store read straight into memory is never read ahead");
}
