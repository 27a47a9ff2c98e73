using Apache.Arrow;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Tables;
using CqSourceS3.Naming;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// What <c>discover</c> reports, independent of the output format: per table its objects, bytes, footer row
/// count, columns (and which of them are hive partitions) and problem, then the skipped objects and how many listed objects belong to no table, by reason (not Parquet, hidden or
/// temporary, outside include/exclude).
/// </summary>
/// <remarks>
/// Columns leave out <c>_cq_id</c> and <c>_cq_parent_id</c>: CloudQuery adds them to every table, so listing them
/// says nothing about the data (the formats say so once). A usable table shows the columns the destination gets
/// (after the CloudQuery conventions, e.g. a file's own <c>_cq_sync_time</c> dropped); a failed table shows the
/// columns of its first readable file, so the user sees what the reference side of a mismatch looks like.
/// </remarks>
internal sealed record DiscoveryReport(IReadOnlyList<DiscoveryReport.TableEntry> Tables, IReadOnlyList<SkippedObject> Skipped, IgnoredObjects Ignored)
{
    /// <summary>True when a table cannot be synced or an object was skipped: <c>discover</c> exits 1.</summary>
    public bool HasProblems => Skipped.Count > 0 || Tables.Any(t => t.Error is not null);

    public long TotalRows => Tables.Sum(t => t.Rows);

    /// <summary>
    /// True for a usable table some of whose objects were skipped: it syncs, without their rows. (A table all of whose
    /// objects were skipped has no schema and is an error.)
    /// </summary>
    public bool IsPartial(TableEntry table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Error is null && Skipped.Any(s => s.Table == table.Name);
    }

    public long TotalBytes => Tables.Sum(t => t.Bytes);

    /// <summary>With <c>--shard</c>: what the shard was given, the tables holding only its objects; null without.</summary>
    public ShardShare? Share { get; init; }

    public static DiscoveryReport From(DiscoveryResult result, ShardShare? share = null) =>
        new([.. result.Tables.Select(TableEntry.From)], result.Skipped, result.Ignored) { Share = share };

    /// <summary>One table as reported.</summary>
    internal sealed record TableEntry(string Name, IReadOnlyList<ObjectEntry> Objects, long Bytes, long Rows, IReadOnlyList<ColumnEntry> Columns, IReadOnlyList<string> PartitionColumns, string? Error)
    {
        /// <summary>The table's format: <c>parquet</c>, <c>csv</c> or <c>jsonl</c> (a table of two formats is an error, named by its first object).</summary>
        public string Format { get; init; } = FileTypes.Parquet;

        /// <summary>True when <see cref="Rows"/> is exact: every object's row count is known (footers, or text read to its end).</summary>
        public bool RowsExact => Objects.All(o => o.RowsExact);

        /// <summary>For a text table: data rows type inference read over all its objects; 0 for Parquet.</summary>
        public long InferenceRows { get; init; }

        /// <summary>For a text table: objects inference read to their end (their row counts are exact).</summary>
        public int ObjectsReadToEnd => Objects.Count(o => o.RowsExact);

        public static TableEntry From(DiscoveredTable table)
        {
            var schema = table.Table?.Schema ?? (table.Files.Count > 0 ? table.Files[0].Schema : null);
            var columns = schema is null
                ? []
                : schema.FieldsList.Where(f => f.Name is not (CqMetadata.CqIdColumn or CqMetadata.CqParentIdColumn))
                    .Select(f => Column(f, table.Evolution)).ToList();
            var objects = table.Files.Select(f => new ObjectEntry(f.StoredObject.Key, f.StoredObject.Size, f.StoredObject.LastModified.ToUniversalTime(), f.RowCount) { RowsExact = f.RowCountIsExact }).ToList();
            return new TableEntry(table.Name, objects, table.Bytes, table.Rows, columns, table.PartitionColumns, table.Error)
            {
                Format = table.Files.Count > 0 ? FormatOf(table.Files[0]) : FileTypes.Parquet,
                InferenceRows = table.Files.Where(f => f.Text is not null).Sum(f => f.RowCount),
            };
        }

        private static string FormatOf(ObjectFileInfo file) => file.Text?.Format switch
        {
            ObjectFormats.Csv => FileTypes.Csv,
            ObjectFormats.JsonLines => FileTypes.JsonLines,
            _ => FileTypes.Parquet,
        };

        /// <summary>"csv: types inferred from 1000 rows (2 of 3 objects read to their end)", or null for Parquet.</summary>
        public string? InferenceText => Format == FileTypes.Parquet ? null
            : $"{Format}: types inferred from {InferenceRows.ToString(System.Globalization.CultureInfo.InvariantCulture)} rows ({ObjectsReadToEnd} of {Objects.Count} objects read to their end{(RowsExact ? "" : "; the others' row counts are those inference read")})";

        /// <summary>The row count as shown: <c>1000+</c> when some object was not read to its end.</summary>
        public string RowsText => Rows.ToString(System.Globalization.CultureInfo.InvariantCulture) + (RowsExact ? "" : "+");

        private static ColumnEntry Column(Field field, IReadOnlyList<CqSourceS3.Client.Evolution.ColumnEvolution> evolution)
        {
            var column = evolution.FirstOrDefault(c => c.Name == field.Name);
            return new ColumnEntry(field.Name, TypeOf(field), field.IsNullable, column?.MissingIn ?? 0, column?.WidenedFrom ?? []);
        }

        /// <summary>CloudQuery extension types (uuid, json…) by their name, the rest as Go's Arrow prints them, as <c>sync</c> does.</summary>
        private static string TypeOf(Field field) =>
            field.Metadata?.TryGetValue("ARROW:extension:name", out var extension) == true ? extension : ArrowTypeText.Of(field.DataType);
    }

    /// <summary>One object of a table, as listed, with its footer's row count.</summary>
    internal sealed record ObjectEntry(string Key, long Size, DateTimeOffset LastModified, long Rows)
    {
        /// <summary>False for a text object inference did not read to its end: <see cref="Rows"/> is then what it read.</summary>
        public bool RowsExact { get; init; } = true;

        /// <summary>The row count as shown: <c>1000+</c> when not exact.</summary>
        public string RowsText => Rows.ToString(System.Globalization.CultureInfo.InvariantCulture) + (RowsExact ? "" : "+");
    }

    /// <summary>
    /// One column with its Arrow type text and, under <c>schema_policy: union_by_name</c>, in how many objects it is
    /// missing and the types of other objects that were widened into <see cref="Type"/>.
    /// </summary>
    internal sealed record ColumnEntry(string Name, string Type, bool Nullable, int MissingIn, IReadOnlyList<string> WidenedFrom)
    {
        /// <summary>"missing in 2 objects, widened from int32", or null when the column is the same in every object.</summary>
        public string? EvolutionText => (MissingIn, WidenedFrom.Count) switch
        {
            (0, 0) => null,
            (_, 0) => MissingText,
            (0, _) => WidenedText,
            _ => $"{MissingText}, {WidenedText}",
        };

        private string MissingText => MissingIn == 1 ? "missing in 1 object" : $"missing in {MissingIn} objects";

        private string WidenedText => $"widened from {string.Join(", ", WidenedFrom)}";
    }
}
