using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Arrow;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// The schemas of a <see cref="FooterCacheFile"/> being written, each stored once by its IPC bytes: objects read in one
/// discovery each have their own schema instance, and objects of one table share one entry.
/// </summary>
internal sealed class FooterSchemaTable
{
    private readonly Dictionary<Schema, int?> _byInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int?> _byText = new(StringComparer.Ordinal);

    public List<byte[]> Encoded { get; } = [];

    /// <summary>The schema's index, or null when it cannot be stored exactly.</summary>
    public int? IndexOf(Schema schema)
    {
        if (_byInstance.TryGetValue(schema, out var known))
        {
            return known;
        }

        // Freshly read footers each have their own instance; equal text (types, nullability, metadata) means one
        // encoding serves all of them, so a first discovery of 10,000 objects encodes one schema, not 10,000.
        var text = Text(schema);
        if (!_byText.TryGetValue(text, out var index))
        {
            index = Add(schema, text);
            _byText[text] = index;
        }

        _byInstance[schema] = index;
        return index;
    }

    /// <summary>Encodes the schema unless its IPC round trip changes its text (names, types, nullability, metadata at any depth).</summary>
    private int? Add(Schema schema, string text)
    {
        byte[] bytes;
        try
        {
            bytes = ArrowIpc.EncodeSchema(schema);
            if (Text(ArrowIpc.DecodeSchema(bytes)) != text)
            {
                return null;
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or NotImplementedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }

        Encoded.Add(bytes);
        return Encoded.Count - 1;
    }

    private static string Text(Schema schema)
    {
        var text = new StringBuilder();
        foreach (var field in schema.FieldsList)
        {
            AppendField(text, field);
        }

        AppendMetadata(text, schema.Metadata);
        return text.ToString();
    }

    private static void AppendField(StringBuilder text, Field field)
    {
        text.Append(field.Name).Append('\0').Append(ArrowTypeText.Of(field.DataType)).Append('\0').Append(field.IsNullable).Append('\0');
        AppendMetadata(text, field.Metadata);
        if (field.DataType is Apache.Arrow.Types.NestedType nested)
        {
            // Children's metadata too (a list item's field id): the type text leaves it out.
            foreach (var child in nested.Fields)
            {
                AppendField(text, child);
            }
        }
    }

    private static void AppendMetadata(StringBuilder text, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            text.Append(key).Append('\u0001').Append(value).Append('\u0001');
        }

        text.Append('\u0002');
    }
}
