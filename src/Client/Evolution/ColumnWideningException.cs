using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// A value of an object does not fit the wider type its table gives the column: a timestamp or time whose finer unit
/// overflows its integer (a timestamp in seconds past year 2262 has no value in nanoseconds), or a decimal with more
/// digits than its type declares. The widenings of the table's schema are lossless for every value a type is meant to
/// hold, but files do hold such values, and wrapping one silently would write a wrong instant or amount; so the object
/// fails, as data (<see cref="FailureKind.Data"/>), naming the column, the value and both types.
/// </summary>
public sealed class ColumnWideningException : SourceException
{
    /// <param name="column">The column, nested fields joined by dots (<c>point.ts</c>).</param>
    /// <param name="value">The value that does not fit, as text (raw number for temporal types, digits for decimals).</param>
    /// <param name="sourceType">The column's type in the object.</param>
    /// <param name="targetType">The column's type in the table.</param>
    /// <param name="objectKey">The object the value came from, when known.</param>
    public ColumnWideningException(string column, string value, IArrowType sourceType, IArrowType targetType, string? objectKey = null)
        : this(column, value, ArrowTypeText.Of(sourceType), ArrowTypeText.Of(targetType), objectKey, inner: null)
    {
    }

    private ColumnWideningException(string column, string value, string sourceType, string targetType, string? objectKey, Exception? inner)
        : base(MessageOf(column, value, sourceType, targetType, objectKey), inner)
    {
        Column = column;
        Value = value;
        SourceType = sourceType;
        TargetType = targetType;
        ObjectKey = objectKey;
    }

    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    /// <summary>The column, nested fields joined by dots.</summary>
    public string Column { get; }

    /// <summary>The value that does not fit, as text.</summary>
    public string Value { get; }

    /// <summary>The column's type in the object, as <see cref="ArrowTypeText"/> writes it.</summary>
    public string SourceType { get; }

    /// <summary>The column's type in the table, as <see cref="ArrowTypeText"/> writes it.</summary>
    public string TargetType { get; }

    /// <summary>The object the value came from; null when the thrower did not know it.</summary>
    public string? ObjectKey { get; }

    /// <summary>
    /// The same failure naming <paramref name="objectKey"/>: the array casts know only the column, the batch conformer
    /// knows which object it is reading. The cast's own exception is kept as the inner one, for its stack.
    /// </summary>
    internal ColumnWideningException InObject(string objectKey) =>
        new(Column, Value, SourceType, TargetType, objectKey, this);

    private static string MessageOf(string column, string value, string sourceType, string targetType, string? objectKey)
    {
        var where = string.IsNullOrEmpty(objectKey) ? "" : $"object \"{objectKey}\": ";
        return $"{where}column \"{column}\": value {value} ({sourceType}) does not fit {targetType}";
    }
}
