using Apache.Arrow;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Reads JSON Lines objects (one JSON value per <c>\n</c>-separated line, UTF-8, blank lines ignored) as Arrow.
/// In columns mode each line is an object whose top-level keys are columns, inferred from the first
/// <c>infer_rows</c> lines, plus the overflow column for keys first seen later (<see cref="JsonLinesSchema"/>); in
/// raw mode each line is one json value. The bytes are parsed where they lie, without a string per line or value.
/// </summary>
/// <remarks>
/// Choices where JSON leaves room: a key repeated on a line keeps its last value (<see cref="LineValues"/>); a key
/// named <c>_extra</c> is a column, and the overflow column takes another name (<see cref="JsonLinesSchema"/>); a
/// number or bool in a utf8 column is kept as written, so <c>1.50</c> stays <c>1.50</c>; an object or array there is
/// an error, as is any value that does not convert to its column's type.
/// </remarks>
internal sealed class JsonLinesFormat(JsonLinesOptions options)
{
    /// <summary>
    /// Infers the schema of the object <paramref name="utf8"/> (already decompressed) starts, from at most
    /// <c>infer_rows</c> non-blank lines: it reads no further than those, and just enough beyond them to tell whether
    /// the object ended. An object without rows gets <see cref="JsonLinesSchema.Empty"/>, so that it adds no column to
    /// its table, in either mode.
    /// </summary>
    public TextInference Infer(Stream utf8, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.InferRows);
        using var lines = new JsonLineReader(utf8, options.MaxLineBytes);
        var columns = options.Raw ? null : new ColumnsInference();
        long rows = 0;
        while (rows < options.InferRows && lines.TryReadLine(out var line, cancellationToken))
        {
            if (columns is null)
            {
                RawRows.Value(line, lines.LineNumber);
            }
            else
            {
                columns.Add(line, lines.LineNumber);
            }

            rows++;
        }

        var reachedEnd = rows < options.InferRows || lines.AtEnd(cancellationToken);
        var schema = rows == 0 ? JsonLinesSchema.Empty : columns?.ToSchema() ?? JsonLinesSchema.Raw;
        return new TextInference(schema, rows, reachedEnd);
    }

    /// <summary>
    /// Reads every line of <paramref name="utf8"/> into batches of exactly <paramref name="schema"/> (the object's
    /// schema as <see cref="Infer"/> made it), of at most <paramref name="maxRowsPerBatch"/> rows each.
    /// </summary>
    public IEnumerable<RecordBatch> Read(Stream utf8, Schema schema, int maxRowsPerBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowsPerBatch);
        if (schema.FieldsList.Count == 0)
        {
            return ReadNone(utf8, cancellationToken);
        }

        // Built here, not in the iterator, so a schema this reader cannot fill fails at the call.
        IJsonLinesRows rows = options.Raw ? new RawRows(schema) : new ColumnRows(schema);
        return ReadBatches(utf8, rows, maxRowsPerBatch, cancellationToken);
    }

    private IEnumerable<RecordBatch> ReadBatches(Stream utf8, IJsonLinesRows rows, int maxRowsPerBatch, CancellationToken cancellationToken)
    {
        using var lines = new JsonLineReader(utf8, options.MaxLineBytes);
        using (rows)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = AppendRows(lines, rows, maxRowsPerBatch, cancellationToken);
                if (count > 0)
                {
                    yield return rows.Build(count);
                }

                if (count < maxRowsPerBatch)
                {
                    yield break;
                }
            }
        }
    }

    // The schema of an object inference found empty: should rows have appeared since, there is nothing to put them in.
    private IEnumerable<RecordBatch> ReadNone(Stream utf8, CancellationToken cancellationToken)
    {
        using var lines = new JsonLineReader(utf8, options.MaxLineBytes);
        if (!lines.AtEnd(cancellationToken))
        {
            throw new InvalidOperationException(
                "the object has rows, but its schema has no columns: it was inferred from the object when it had none");
        }

        yield break;
    }

    private static int AppendRows(JsonLineReader lines, IJsonLinesRows rows, int maxRows, CancellationToken cancellationToken)
    {
        var count = 0;
        while (count < maxRows && lines.TryReadLine(out var line, cancellationToken))
        {
            rows.Append(line, lines.LineNumber);
            count++;
        }

        return count;
    }
}
