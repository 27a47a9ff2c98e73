using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Arrow;

/// <summary>
/// The value of a DeleteRecord predicate as the protocol carries it: one Arrow IPC stream of a one-row record whose
/// only column is named after the compared column and holds the value (here always a utf8 object key).
/// </summary>
public static class PredicateRecord
{
    public static byte[] Utf8(string column, string value)
    {
        var schema = new Schema([new Field(column, StringType.Default, nullable: true)], null);
        using var batch = new RecordBatch(schema, [new StringArray.Builder().Append(value).Build()], 1);
        return ArrowIpc.EncodeBatch(batch);
    }
}
