using Apache.Arrow;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace CqSourceS3.Plugin.Tests.Mirror;

/// <summary>
/// A destination for the mirror tests: a real SQLite database (in memory) to which a sync's decoded messages are
/// applied in arrival order, the way a CloudQuery destination applies them: MigrateTable creates the table (every
/// column as text), DeleteRecord deletes the rows whose column equals the predicate's value, Insert appends the rows.
/// </summary>
internal sealed class SqliteDestination : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteDestination() => _connection.Open();

    /// <summary>Applies every message of <paramref name="sync"/> in the order they arrived.</summary>
    public void Apply(DecodedSyncResponses sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        var (migrations, deletes, inserts) = (0, 0, 0);
        foreach (var kind in sync.Order)
        {
            if (kind == "migrate")
            {
                Create(sync.Migrations[migrations++]);
            }
            else if (kind.StartsWith("delete:", StringComparison.Ordinal))
            {
                Delete(sync.Deletes[deletes++]);
            }
            else if (kind == "insert")
            {
                var batches = sync.BatchesPerInsert[inserts];
                foreach (var batch in sync.Inserts.Skip(sync.BatchesPerInsert.Take(inserts).Sum()).Take(batches))
                {
                    Insert(batch);
                }

                inserts++;
            }
        }
    }

    /// <summary>The table's rows as (id, _source_key), ordered.</summary>
    public List<(long Id, string Key)> Rows(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT id, _source_key FROM \"{table}\" ORDER BY _source_key, CAST(id AS INTEGER)";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
        {
            rows.Add((long.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1)));
        }

        return rows;
    }

    public void Dispose() => _connection.Dispose();

    private void Create(Schema schema)
    {
        var columns = string.Join(", ", schema.FieldsList.Select(f => $"\"{f.Name}\" TEXT"));
        Execute($"CREATE TABLE IF NOT EXISTS \"{DecodedSyncResponses.TableOf(schema)}\" ({columns})");
    }

    private void Delete(DecodedDelete delete) =>
        Execute($"DELETE FROM \"{delete.Table}\" WHERE \"{delete.Column}\" = $value", ("$value", delete.Value));

    private void Insert(RecordBatch batch)
    {
        var table = DecodedSyncResponses.TableOf(batch.Schema);
        var names = batch.Schema.FieldsList.Select(f => f.Name).ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))})";
        for (var row = 0; row < batch.Length; row++)
        {
            Execute(sql, [.. names.Select((_, i) => ($"$p{i}", (object)(batch.Column(i).IsNull(row) ? DBNull.Value : Text(batch.Column(i), row))))]);
        }
    }

    /// <summary>A value as text; strings without the quotes the formatter adds, so they compare with the predicate's value.</summary>
    private static string Text(IArrowArray column, int row) =>
        column is StringArray strings ? strings.GetString(row) : ArrowValueFormatter.Format(column, row);

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
