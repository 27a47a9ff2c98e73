using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Turns <c>decimal32</c> and <c>decimal64</c> columns into <c>decimal128</c> with the same precision and scale:
/// CloudQuery's Go SDK models only decimal128 and decimal256 (plugin-sdk <c>scalar.NewScalar</c>), and a
/// two's-complement value widens exactly by sign extension.
/// </summary>
internal static class SmallDecimalWidener
{
    /// <summary>The <c>decimal128</c> type a <c>decimal32</c> or <c>decimal64</c> column becomes.</summary>
    public static Decimal128Type WidenType(IArrowType type) => type switch
    {
        Decimal32Type d32 => new Decimal128Type(d32.Precision, d32.Scale),
        Decimal64Type d64 => new Decimal128Type(d64.Precision, d64.Scale),
        _ => throw new ArgumentException($"expected decimal32 or decimal64, got {type?.Name}", nameof(type)),
    };

    /// <summary>New <c>decimal128</c> data with the same values and nulls, offset 0.</summary>
    public static ArrayData Widen(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var type = WidenType(data.DataType);
        var narrow = data.DataType is Decimal32Type;
        var source = data.Buffers[1].Span;
        // A decimal128 is two little-endian 64-bit words: the value, then its sign extended.
        var words = new ArrowBuffer.Builder<long>(data.Length * 2);
        for (var i = 0; i < data.Length; i++)
        {
            var at = data.Offset + i;
            long value = narrow ? source.CastTo<int>()[at] : source.CastTo<long>()[at];
            words.Append(value).Append(value >> 63);
        }

        var (validity, nullCount) = ValidityBitmap.Rebase(data);
        return new ArrayData(type, data.Length, nullCount, 0, [validity, words.Build()]);
    }
}
