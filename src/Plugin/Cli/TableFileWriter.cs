using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>sync --output DIR</c>: each table's rows, exactly as the destination would receive them (the decoded Insert
/// batches, <c>_cq_id</c> and <c>_cq_parent_id</c> included), in one Parquet file <c>DIR/&lt;table&gt;.parquet</c>.
/// Parquet keeps every Arrow type and opens in DuckDB, pandas, Spark and the like. A file is written only for a table
/// that received rows in this run, and replaces a file of the same name from an earlier run.
/// </summary>
internal sealed class TableFileWriter(string folder) : IDisposable
{
    private readonly Dictionary<string, FileWriter> _writers = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    /// <summary>The files written, by table name (complete once this writer is disposed).</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Appends one Insert batch to its table's file (batches are buffered into row groups by the writer).</summary>
    public void Write(string table, RecordBatch batch)
    {
        if (!_writers.TryGetValue(table, out var writer))
        {
            Directory.CreateDirectory(folder);
            using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
            writer = new FileWriter(PathOf(table), batch.Schema, properties);
            _writers[table] = writer;
            _files[table] = PathOf(table);
        }

        writer.WriteBufferedRecordBatch(batch);
    }

    /// <summary>Table names are letters, digits and underscores only (see Naming), so they are safe file names.</summary>
    private string PathOf(string table) => Path.Combine(folder, table + ".parquet");

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Close();
            writer.Dispose();
        }

        _writers.Clear();
    }
}
