using System.Text;
using System.Text.Json;
using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>
/// utf8 values, or the JSON column's text (binary storage). Values arrive as UTF-8 bytes (JSON tokens) or as
/// characters (CSV fields), which are encoded straight into the data buffer.
/// </summary>
internal sealed class Utf8ColumnBuilder(TextType type) : TextColumnBuilder(type)
{
    private GrowableBuffer _offsets = StartOffsets();
    private GrowableBuffer _data = new(8192);

    /// <summary>Appends UTF-8 bytes as they are (for a JSON column: one complete JSON value).</summary>
    public void AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        _data.Append(utf8);
        _offsets.Append(_data.Length);
        Appended();
    }

    protected override void AppendEmptySlot() => _offsets.Append(_data.Length);

    protected override bool TryAppendValue(ReadOnlySpan<char> text)
    {
        var span = _data.Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        if (Type == TextType.Json && !IsJson(span[..written]))
        {
            return false;
        }

        _data.Advance(written);
        _offsets.Append(_data.Length);
        return true;
    }

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity)
    {
        var data = new ArrayData(TextTypes.ToArrow(Type), length, nullCount, 0, [validity, _offsets.Build(), _data.Build()]);
        // Build left a fresh buffer of the grown capacity: start it with the first offset rather than growing a small one again.
        _offsets.Append(0);
        return data;
    }

    protected override void ReleaseBuffers()
    {
        _offsets.Release();
        _data.Release();
    }

    private static GrowableBuffer StartOffsets()
    {
        var offsets = new GrowableBuffer(4096);
        offsets.Append(0);
        return offsets;
    }

    private static bool IsJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            // One complete value and nothing after it.
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
