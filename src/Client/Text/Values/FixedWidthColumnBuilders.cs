using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>A column whose values are one fixed-width number each.</summary>
internal abstract class FixedWidthColumnBuilder<T>(TextType type) : TextColumnBuilder(type)
    where T : unmanaged
{
    private GrowableBuffer _values = new(1024);

    /// <summary>Appends a value already of the column's storage type.</summary>
    public void Append(T value)
    {
        _values.Append(value);
        Appended();
    }

    protected override void AppendEmptySlot() => _values.Append(default(T));

    protected override bool TryAppendValue(ReadOnlySpan<char> text)
    {
        if (!TryParse(text, out var value))
        {
            return false;
        }

        _values.Append(value);
        return true;
    }

    protected abstract bool TryParse(ReadOnlySpan<char> text, out T value);

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity) =>
        new(TextTypes.ToArrow(Type), length, nullCount, 0, [validity, _values.Build()]);

    protected override void ReleaseBuffers() => _values.Release();
}

/// <summary>int64 values.</summary>
internal sealed class Int64ColumnBuilder() : FixedWidthColumnBuilder<long>(TextType.Int64)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out long value) => TextValues.TryParseInt64(text, out value);
}

/// <summary>float64 values.</summary>
internal sealed class Float64ColumnBuilder() : FixedWidthColumnBuilder<double>(TextType.Float64)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out double value) => TextValues.TryParseFloat64(text, out value);
}

/// <summary>date32 values: days since 1970-01-01.</summary>
internal sealed class DateColumnBuilder() : FixedWidthColumnBuilder<int>(TextType.Date)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out int value) => TextValues.TryParseDate(text, out value);
}

/// <summary>
/// timestamp[us, UTC] values: microseconds since the epoch. A date alone is its midnight in UTC, because inference
/// widens a column holding dates and timestamps to timestamp.
/// </summary>
internal sealed class TimestampColumnBuilder() : FixedWidthColumnBuilder<long>(TextType.Timestamp)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out long value) => TemporalText.TryParseTimestampOrDate(text, out value);
}
