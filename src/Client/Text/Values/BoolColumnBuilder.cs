using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Text;

/// <summary>bool values, one bit each.</summary>
internal sealed class BoolColumnBuilder() : TextColumnBuilder(TextType.Bool)
{
    private ValidityBuilder _bits = new();
    private int _slots;

    /// <summary>Appends <paramref name="value"/>.</summary>
    public void Append(bool value)
    {
        _bits.Append(_slots++, value);
        Appended();
    }

    protected override void AppendEmptySlot() => _bits.Append(_slots++, valid: false);

    protected override bool TryAppendValue(ReadOnlySpan<char> text)
    {
        if (!TextValues.TryParseBool(text, out var value))
        {
            return false;
        }

        _bits.Append(_slots++, value);
        return true;
    }

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity)
    {
        // The value bits are a bitmap like validity; "false" bits count as its nulls, so its own elision is not wanted.
        var values = _bits.BuildAlways();
        _slots = 0;
        return new ArrayData(BooleanType.Default, length, nullCount, 0, [validity, values]);
    }

    protected override void ReleaseBuffers()
    {
        _bits.Release();
        _slots = 0;
    }
}
