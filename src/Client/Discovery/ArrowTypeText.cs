using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// Renders Arrow types the way Go's Arrow library prints them (<c>int64</c>, <c>timestamp[us, tz=UTC]</c>,
/// <c>list&lt;item: int64, nullable&gt;</c>), for schema comparison and for messages users read. It is given
/// normalized schemas (see <see cref="Parquet.ArrowTypeNormalizer"/>), so view types and 32/64-bit decimals show
/// in their classic forms; their own names are here for text about a raw decoder schema.
/// </summary>
internal static class ArrowTypeText
{
    public static string Of(IArrowType type)
    {
        var text = new StringBuilder();
        Append(text, type);
        return text.ToString();
    }

    private static void Append(StringBuilder text, IArrowType type)
    {
        switch (type)
        {
            case TimestampType timestamp:
                text.Append("timestamp[").Append(Unit(timestamp.Unit));
                if (!string.IsNullOrEmpty(timestamp.Timezone))
                {
                    text.Append(", tz=").Append(timestamp.Timezone);
                }

                text.Append(']');
                break;
            case Time32Type time32:
                text.Append("time32[").Append(Unit(time32.Unit)).Append(']');
                break;
            case Time64Type time64:
                text.Append("time64[").Append(Unit(time64.Unit)).Append(']');
                break;
            case DurationType duration:
                text.Append("duration[").Append(Unit(duration.Unit)).Append(']');
                break;
            case Decimal32Type d32:
                AppendDecimal(text, "decimal32", d32.Precision, d32.Scale);
                break;
            case Decimal64Type d64:
                AppendDecimal(text, "decimal64", d64.Precision, d64.Scale);
                break;
            case Decimal128Type d128:
                AppendDecimal(text, "decimal", d128.Precision, d128.Scale);
                break;
            case Decimal256Type d256:
                AppendDecimal(text, "decimal256", d256.Precision, d256.Scale);
                break;
            case FixedSizeBinaryType fixedBinary:
                text.Append("fixed_size_binary[").Append(fixedBinary.ByteWidth.ToString(CultureInfo.InvariantCulture)).Append(']');
                break;
            case FixedSizeListType fixedList:
                text.Append("fixed_size_list<");
                AppendField(text, fixedList.ValueField);
                text.Append(">[").Append(fixedList.ListSize.ToString(CultureInfo.InvariantCulture)).Append(']');
                break;
            case MapType map:
                text.Append("map<");
                Append(text, map.KeyField.DataType);
                text.Append(", ");
                Append(text, map.ValueField.DataType);
                text.Append(map.ValueField.IsNullable ? ", items_nullable>" : ">");
                break;
            case NestedType nested:
                text.Append(NameOf(nested)).Append('<');
                for (var i = 0; i < nested.Fields.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    AppendField(text, nested.Fields[i]);
                }

                text.Append('>');
                break;
            default:
                text.Append(NameOf(type));
                break;
        }
    }

    private static void AppendDecimal(StringBuilder text, string name, int precision, int scale) =>
        text.Append(name).Append('(').Append(precision.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(scale.ToString(CultureInfo.InvariantCulture)).Append(')');

    private static void AppendField(StringBuilder text, Field field)
    {
        text.Append(field.Name).Append(": ");
        Append(text, field.DataType);
        if (field.IsNullable)
        {
            text.Append(", nullable");
        }
    }

    private static string NameOf(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.String => "utf8",
        ArrowTypeId.LargeString => "large_utf8",
        ArrowTypeId.HalfFloat => "float16",
        ArrowTypeId.Float => "float32",
        ArrowTypeId.Double => "float64",
        ArrowTypeId.Boolean => "bool",
        ArrowTypeId.Date32 => "date32",
        ArrowTypeId.Date64 => "date64",
        ArrowTypeId.LargeList => "large_list",
        ArrowTypeId.StringView => "string_view",
        ArrowTypeId.BinaryView => "binary_view",
        ArrowTypeId.ListView => "list_view",
        ArrowTypeId.LargeListView => "large_list_view",
        _ => type.Name,
    };

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };
}
