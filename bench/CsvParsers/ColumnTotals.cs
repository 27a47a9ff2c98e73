using System.Globalization;
using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Text;

namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// What one parser's run saw, summed over every file, to check that all parsers read the same data: rows, and per
/// column either the characters handed over (parse only) or what the built arrays hold (nulls, and the sum of the
/// numbers, the true values, or the UTF-8 bytes). Two parsers that split or unescape one field differently, lose a
/// row or misread a number cannot produce the same totals.
/// </summary>
internal sealed class ColumnTotals(TableSchema schema, bool built)
{
    private readonly long[] _nulls = new long[schema.Count];
    private readonly long[] _sums = new long[schema.Count];
    private readonly double[] _doubleSums = new double[schema.Count];

    public long Rows { get; private set; }

    /// <summary>Characters of every field, by column: the parse-only runs' check.</summary>
    public long[] Characters { get; } = new long[schema.Count];

    public void AddRow() => Rows++;

    /// <summary>Adds one built batch: its rows, and the nulls and values of each of its columns.</summary>
    public void AddBatch(IReadOnlyList<IArrowArray> columns)
    {
        Rows += columns[0].Length;
        for (var c = 0; c < columns.Count; c++)
        {
            var array = columns[c];
            _nulls[c] += array.NullCount;
            switch (array)
            {
                case PrimitiveArray<long> longs:
                    _sums[c] += Sum(longs.Values);
                    break;
                case PrimitiveArray<int> ints:
                    _sums[c] += Sum(ints.Values);
                    break;
                case DoubleArray doubles:
                    // Null slots hold zeros, and every parser's batches add up in the same order: equal sums, bit for bit.
                    foreach (var value in doubles.Values)
                    {
                        _doubleSums[c] += value;
                    }

                    break;
                case BooleanArray bools:
                    _sums[c] += BitUtility.CountBits(bools.ValueBuffer.Span, bools.Offset, bools.Length);
                    break;
                case BinaryArray text:
                    _sums[c] += text.ValueOffsets[text.Length] - text.ValueOffsets[0];
                    break;
                default:
                    throw new NotSupportedException($"no total for a {array.Data.DataType.Name} column");
            }
        }
    }

    /// <summary>The totals as text, equal for two runs exactly when they read the same data.</summary>
    public string Describe()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{Rows} rows"));
        for (var c = 0; c < schema.Count; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {schema.Names[c]}: ");
            var sum = schema.Types[c] == TextType.Float64 ? _doubleSums[c].ToString("R", CultureInfo.InvariantCulture) : _sums[c].ToString(CultureInfo.InvariantCulture);
            text.Append(built
                ? string.Create(CultureInfo.InvariantCulture, $"{_nulls[c]} nulls, Σ {sum}")
                : string.Create(CultureInfo.InvariantCulture, $"{Characters[c]} chars"));
        }

        return text.ToString();
    }

    private static long Sum<T>(ReadOnlySpan<T> values)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        long sum = 0;
        foreach (var value in values)
        {
            sum += long.CreateTruncating(value);
        }

        return sum;
    }
}
