using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>The validity bitmap of a column being built; left out of the array when no value is null.</summary>
internal struct ValidityBuilder()
{
    private GrowableBuffer _bits = new(64);

    /// <summary>Nulls appended since the last build.</summary>
    public int NullCount { get; private set; }

    /// <summary>Records row <paramref name="row"/> (rows come in order from 0) as valid or null.</summary>
    public void Append(int row, bool valid)
    {
        var index = row >> 3;
        if (index == _bits.Length)
        {
            _bits.Append((byte)0);
        }

        if (valid)
        {
            _bits[index] |= (byte)(1 << (row & 7));
        }
        else
        {
            NullCount++;
        }
    }

    /// <summary>The bitmap of the rows appended, or an empty buffer when none is null; starts over.</summary>
    public ArrowBuffer Build()
    {
        if (NullCount == 0)
        {
            _bits.Clear();
            return ArrowBuffer.Empty;
        }

        NullCount = 0;
        return _bits.Build();
    }

    /// <summary>The bitmap of the rows appended, even when every bit is set (a bool column's values); starts over.</summary>
    public ArrowBuffer BuildAlways()
    {
        NullCount = 0;
        return _bits.Build();
    }

    /// <summary>Returns the bitmap's array to the pool when the column is done.</summary>
    public void Release() => _bits.Release();
}
