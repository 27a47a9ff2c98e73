using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>
/// Builds one Arrow column of a text object in bulk: values are parsed straight from the field's characters (or
/// appended as already-typed JSON tokens) into managed buffers, with no per-value object. <see cref="Build"/> hands
/// the rows appended so far over as an array and starts the next batch. Its buffers are rented from the shared pool:
/// dispose the builder when the object is read.
/// </summary>
internal abstract class TextColumnBuilder : IDisposable
{
    private ValidityBuilder _validity = new();

    protected TextColumnBuilder(TextType type) => Type = type;

    /// <summary>The column's type.</summary>
    public TextType Type { get; }

    /// <summary>Rows appended since the last <see cref="Build"/>.</summary>
    public int Length { get; private set; }

    /// <summary>A builder for a column of <paramref name="type"/> (<see cref="TextType.Empty"/> builds utf8).</summary>
    public static TextColumnBuilder For(TextType type) => type switch
    {
        TextType.Bool => new BoolColumnBuilder(),
        TextType.Int64 => new Int64ColumnBuilder(),
        TextType.Float64 => new Float64ColumnBuilder(),
        TextType.Date => new DateColumnBuilder(),
        TextType.Timestamp => new TimestampColumnBuilder(),
        TextType.Json => new Utf8ColumnBuilder(TextType.Json),
        _ => new Utf8ColumnBuilder(TextType.Utf8),
    };

    /// <summary>Appends a null.</summary>
    public void AppendNull()
    {
        AppendEmptySlot();
        _validity.Append(Length++, valid: false);
    }

    /// <summary>
    /// Parses <paramref name="text"/> as the column's type and appends it; false (and nothing appended) when it is
    /// not such a value: the caller fails the object, naming line and column.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<char> text)
    {
        if (!TryAppendValue(text))
        {
            return false;
        }

        _validity.Append(Length++, valid: true);
        return true;
    }

    /// <summary>The rows appended since the last build as one array; the builder starts empty again.</summary>
    public IArrowArray Build()
    {
        var length = Length;
        var nulls = _validity.NullCount;
        var validity = _validity.Build();
        Length = 0;
        return ArrowArrayFactory.BuildArray(BuildData(length, nulls, validity));
    }

    /// <summary>Returns the buffers being filled to the pool; arrays already built keep theirs until they are disposed.</summary>
    public void Dispose()
    {
        _validity.Release();
        ReleaseBuffers();
        Length = 0;
    }

    /// <summary>Commits a value appended by a subclass's typed append.</summary>
    protected void Appended() => _validity.Append(Length++, valid: true);

    /// <summary>Writes the value slot of a null (zeros, or an unchanged offset).</summary>
    protected abstract void AppendEmptySlot();

    /// <summary>Parses and writes one value; false writes nothing.</summary>
    protected abstract bool TryAppendValue(ReadOnlySpan<char> text);

    /// <summary>The array data of the rows appended, with <paramref name="validity"/> as its bitmap.</summary>
    protected abstract ArrayData BuildData(int length, int nullCount, ArrowBuffer validity);

    /// <summary>Returns the subclass's buffers to the pool.</summary>
    protected abstract void ReleaseBuffers();
}
