using System.Text;
using System.Text.Json;
using CqSourceS3.Client.Sharding;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>discover --format json</c>: one indented document whose shape is documented in the README and stays stable:
/// <c>{"tables":[{"name","objects":[{"key","size","last_modified","rows","rows_exact"}],"bytes","rows","rows_exact","format","inference":{"rows_read","objects_read_to_end"} (text tables only),"columns":[{"name","type","nullable","missing_in","widened_from"}],"partition_columns":[name],"error"}],"skipped":[{"key","table","reason","transient"}],"ignored":N,"ignored_by_reason":{"other_file_type","not_parquet" (the same count, its name before text formats),"hidden","excluded"}}</c>,
/// and with <c>--shard</c> a last member <c>"shard":{"num","total","shard_by","tables","total_tables","objects","total_objects","bytes","total_bytes","rows","total_rows"}</c>.
/// Written field by field rather than serialized from the records, so renaming a C# property cannot change it.
/// </summary>
internal static class DiscoveryReportJson
{
    /// <summary>Type texts such as <c>list&lt;item: int64&gt;</c> stay readable instead of <c>\u003C</c>; it is still valid JSON.</summary>
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(DiscoveryReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("tables");
            foreach (var table in report.Tables)
            {
                WriteTable(json, table);
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var skip in report.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("key", skip.Key);
                json.WriteString("table", skip.Table);
                json.WriteString("reason", skip.Reason);
                json.WriteBoolean("transient", skip.Transient);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("ignored", report.Ignored.Total);
            json.WriteStartObject("ignored_by_reason");
            json.WriteNumber("other_file_type", report.Ignored.OtherFileType);
            // The name before text formats existed, kept for scripts that read it.
            json.WriteNumber("not_parquet", report.Ignored.OtherFileType);
            json.WriteNumber("hidden", report.Ignored.Hidden);
            json.WriteNumber("excluded", report.Ignored.Excluded);
            json.WriteEndObject();
            if (report.Share is { } share)
            {
                WriteShare(json, share);
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteShare(Utf8JsonWriter json, ShardShare share)
    {
        json.WriteStartObject("shard");
        json.WriteNumber("num", share.Shard.Num);
        json.WriteNumber("total", share.Shard.Total);
        json.WriteString("shard_by", share.Mode);
        json.WriteNumber("tables", share.Tables);
        json.WriteNumber("total_tables", share.TotalTables);
        json.WriteNumber("objects", share.Objects);
        json.WriteNumber("total_objects", share.TotalObjects);
        json.WriteNumber("bytes", share.Bytes);
        json.WriteNumber("total_bytes", share.TotalBytes);
        json.WriteNumber("rows", share.Rows);
        json.WriteNumber("total_rows", share.TotalRows);
        json.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter json, DiscoveryReport.TableEntry table)
    {
        json.WriteStartObject();
        json.WriteString("name", table.Name);
        json.WriteStartArray("objects");
        foreach (var obj in table.Objects)
        {
            json.WriteStartObject();
            json.WriteString("key", obj.Key);
            json.WriteNumber("size", obj.Size);
            json.WriteString("last_modified", obj.LastModified.UtcDateTime);
            json.WriteNumber("rows", obj.Rows);
            json.WriteBoolean("rows_exact", obj.RowsExact);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("bytes", table.Bytes);
        json.WriteNumber("rows", table.Rows);
        json.WriteBoolean("rows_exact", table.RowsExact);
        json.WriteString("format", table.Format);
        if (table.InferenceText is not null)
        {
            json.WriteStartObject("inference");
            json.WriteNumber("rows_read", table.InferenceRows);
            json.WriteNumber("objects_read_to_end", table.ObjectsReadToEnd);
            json.WriteEndObject();
        }

        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type);
            json.WriteBoolean("nullable", column.Nullable);
            json.WriteNumber("missing_in", column.MissingIn);
            json.WriteStartArray("widened_from");
            foreach (var type in column.WidenedFrom)
            {
                json.WriteStringValue(type);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("partition_columns");
        foreach (var name in table.PartitionColumns)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        if (table.Error is null)
        {
            json.WriteNull("error");
        }
        else
        {
            json.WriteString("error", table.Error);
        }

        json.WriteEndObject();
    }
}
