using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Turns a FLOAT16 (<c>halffloat</c>) column into <c>float32</c>: CloudQuery's Go destinations do not accept
/// half floats, and every half-precision value (NaN, infinities, signed zero, subnormals) widens exactly.
/// </summary>
internal static class HalfFloatWidener
{
    /// <summary>New <c>float32</c> data with the same values and nulls, offset 0.</summary>
    public static ArrayData Widen(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.DataType is not HalfFloatType)
        {
            throw new ArgumentException($"expected halffloat data, got {data.DataType.Name}", nameof(data));
        }

        var halves = data.Buffers[1].Span.CastTo<Half>().Slice(data.Offset, data.Length);
        var values = new ArrowBuffer.Builder<float>(data.Length);
        foreach (var half in halves)
        {
            values.Append((float)half);
        }

        var (validity, nullCount) = ValidityBitmap.Rebase(data);
        return new ArrayData(FloatType.Default, data.Length, nullCount, 0, [validity, values.Build()]);
    }
}
