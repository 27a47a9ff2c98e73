using System.Globalization;
using Apache.Arrow;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Plugin.Cli;

/// <summary>What <c>sync</c> prints: each table's columns and first rows as they arrive, then a summary table.</summary>
internal sealed class SyncReport(TextWriter output)
{
    private const int SampleRows = 3;
    private readonly Dictionary<string, int> _sampled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public int Failures => _errors.Count;

    public void Migrated(Schema schema)
    {
        var table = schema.Metadata["cq:table_name"];
        _rows[table] = 0;
        output.WriteLine($"table {table}: {string.Join(", ", schema.FieldsList.Select(f => $"{f.Name} {TypeOf(f)}"))}");
    }

    /// <summary>CloudQuery extension types (uuid, json…) by their name, the rest as Arrow prints them.</summary>
    private static string TypeOf(Field field) =>
        field.Metadata?.TryGetValue("ARROW:extension:name", out var extension) == true ? extension : ArrowTypeText.Of(field.DataType);

    public void Inserted(RecordBatch batch)
    {
        var table = batch.Schema.Metadata["cq:table_name"];
        _rows[table] = _rows.GetValueOrDefault(table) + batch.Length;
        var shown = _sampled.GetValueOrDefault(table);
        for (var row = 0; row < batch.Length && shown < SampleRows; row++, shown++)
        {
            // Skip _cq_id and _cq_parent_id: the sample is about the data.
            var cells = Enumerable.Range(2, batch.ColumnCount - 2).Select(c => $"{batch.Schema.FieldsList[c].Name}={ValueText.Of(batch.Column(c), row)}");
            output.WriteLine($"  {table}: {string.Join("  ", cells)}");
        }

        _sampled[table] = shown;
    }

    public void Failed(string table, string error) => _errors[table] = error;

    public void PrintSummary(IReadOnlyDictionary<string, TableProgress> progress, IReadOnlyList<SkippedObject> skipped, ShardShare? share = null)
    {
        var rows = progress.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new[]
        {
            p.Key,
            p.Value.Objects.ToString(CultureInfo.InvariantCulture),
            skipped.Count(s => s.Table == p.Key).ToString(CultureInfo.InvariantCulture),
            _rows.GetValueOrDefault(p.Key).ToString(CultureInfo.InvariantCulture),
            p.Value.Bytes.ToString(CultureInfo.InvariantCulture),
            p.Value.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            StatusOf(_errors.ContainsKey(p.Key), p.Value.Objects, skipped.Count(s => s.Table == p.Key)),
        }).ToList();
        output.WriteLine();
        WriteTable(["table", "objects", "skipped", "rows", "bytes", "seconds", "status"], rows);
        output.WriteLine($"total: {progress.Count} tables, {_rows.Values.Sum()} rows, {skipped.Count} objects skipped, {_errors.Count} tables failed");
        if (share is not null)
        {
            output.WriteLine(share.Describe());
        }

        foreach (var (table, mirrored) in progress.Where(p => p.Value.DeletedKeys + p.Value.ReplacedObjects > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mirror {table}: {mirrored.ReplacedObjects} objects replaced their earlier rows, {mirrored.DeletedKeys} deleted objects took their rows with them"));
        }

        foreach (var (table, error) in _errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"failed: {error}");
        }

        foreach (var skip in skipped)
        {
            output.WriteLine($"skipped: {skip.Key} ({skip.Table}): {skip.Reason}");
        }
    }

    /// <summary>
    /// The status column: <c>FAILED</c> when the table stopped with an error; <c>skipped</c> when objects were skipped
    /// and none was read, so the table got no rows from this run although it did not fail; <c>partial</c> when some
    /// were skipped and others read; <c>ok</c> when every object it had to read was read.
    /// </summary>
    internal static string StatusOf(bool failed, long objectsRead, int objectsSkipped) => (failed, objectsRead, objectsSkipped) switch
    {
        (true, _, _) => "FAILED",
        (_, 0, > 0) => "skipped",
        (_, _, > 0) => "partial",
        _ => "ok",
    };

    private void WriteTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            // Text columns (the table name first, the status last) align left, numbers right.
            output.WriteLine(string.Join("  ", row.Select((c, i) => i == 0 || i == row.Length - 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        }
    }
}
