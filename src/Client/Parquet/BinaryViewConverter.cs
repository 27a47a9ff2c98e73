using Apache.Arrow;
using Apache.Arrow.Scalars;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Turns <c>utf8view</c> and <c>binaryview</c> columns (what Arrow C++ reads when a stored Arrow schema asks for
/// them) into <c>utf8</c> and <c>binary</c>: CloudQuery's SDKs do not model view types, and the JS SDK cannot even
/// decode a schema holding one. Every value is copied byte for byte, whether inlined in its 16-byte view or held in
/// one of the data buffers.
/// </summary>
internal static class BinaryViewConverter
{
    /// <summary>The classic type a view column becomes.</summary>
    public static IArrowType ConvertType(IArrowType type) => type switch
    {
        StringViewType => StringType.Default,
        BinaryViewType => BinaryType.Default,
        _ => throw new ArgumentException($"expected utf8view or binaryview, got {type?.Name}", nameof(type)),
    };

    /// <summary>New <c>utf8</c> or <c>binary</c> data with the same values and nulls, offset 0.</summary>
    public static ArrayData Convert(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var type = ConvertType(data.DataType);
        // Buffers: validity, the views, then the variadic data buffers the views point into.
        var viewBytes = data.Buffers[1].Span;
        var views = viewBytes.CastTo<BinaryView>();
        var validity = new ArrowBuffer.BitmapBuilder(data.Length);
        var offsets = new ArrowBuffer.Builder<int>(data.Length + 1);
        var bytes = new ArrowBuffer.Builder<byte>();
        var end = 0;
        offsets.Append(0);
        for (var i = 0; i < data.Length; i++)
        {
            var valid = ValidityBitmap.IsValid(data, i);
            validity.Append(valid);
            if (valid)
            {
                var at = data.Offset + i;
                var view = views[at];
                var value = view.IsInline
                    ? viewBytes.Slice((at * 16) + 4, view.Length)
                    : data.Buffers[2 + view.BufferIndex].Span.Slice(view.BufferOffset, view.Length);
                bytes.Append(value);
                // Views may share bytes; copied out, a column can outgrow 2 GiB. Say so rather than wrap.
                end = checked(end + view.Length);
            }

            offsets.Append(end);
        }

        var nullCount = validity.UnsetBitCount;
        return new ArrayData(type, data.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : validity.Build(), offsets.Build(), bytes.Build()]);
    }
}
