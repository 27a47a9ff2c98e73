using System.IO.Hashing;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Finds a column by the UTF-8 bytes of a key, without making a string per key: the column the caller expects is
/// tried first (lines usually repeat one key order, so the column after the last one found), then an open-addressing
/// table of the names' hashes.
/// </summary>
internal sealed class ColumnIndex
{
    private readonly List<byte[]> _names = [];

    // Each name that a key can only be written as byte for byte (no quote, backslash or control character): such a
    // key is found by comparing its bytes, without scanning or hashing it (FlatLineScanner).
    private readonly List<byte[]?> _plainNames = [];

    // Column index + 1 per slot, 0 for an empty one; at most half full, so a miss ends at a nearby empty slot.
    private int[] _slots = new int[16];

    /// <summary>The columns added so far.</summary>
    public int Count => _names.Count;

    /// <summary>Adds a column named <paramref name="name"/> (which none has yet) and returns its index.</summary>
    public int Add(ReadOnlySpan<byte> name)
    {
        if (Find(name) >= 0)
        {
            throw new ArgumentException($"a column is already named \"{JsonLinesErrors.Show(name)}\"", nameof(name));
        }

        if ((_names.Count + 1) * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        _names.Add(name.ToArray());
        _plainNames.Add(name.IndexOfAny((byte)'"', (byte)'\\') < 0 && !name.ContainsAnyInRange((byte)0, (byte)0x1F) ? _names[^1] : null);
        Insert(_names.Count - 1);
        return _names.Count - 1;
    }

    /// <summary>The name of <paramref name="column"/> when a key naming it can only be written as these bytes; null otherwise or past the last column.</summary>
    public byte[]? PlainName(int column) => (uint)column < (uint)_plainNames.Count ? _plainNames[column] : null;

    /// <summary>The index of the column named <paramref name="name"/>, trying <paramref name="expected"/> first; -1 when none is.</summary>
    public int Find(ReadOnlySpan<byte> name, int expected = -1)
    {
        if ((uint)expected < (uint)_names.Count && name.SequenceEqual(_names[expected]))
        {
            return expected;
        }

        var mask = _slots.Length - 1;
        for (var slot = Hash(name) & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (name.SequenceEqual(_names[entry - 1]))
            {
                return entry - 1;
            }
        }
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        for (var column = 0; column < _names.Count; column++)
        {
            Insert(column);
        }
    }

    private void Insert(int column)
    {
        var mask = _slots.Length - 1;
        var slot = Hash(_names[column]) & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = column + 1;
    }

    private static int Hash(ReadOnlySpan<byte> name) => (int)XxHash3.HashToUInt64(name);
}
