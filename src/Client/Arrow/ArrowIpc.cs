using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CqSourceS3.Client.Arrow;

/// <summary>
/// The one place that writes and reads Arrow IPC <b>streaming</b> format, the encoding of every schema and record
/// in the CloudQuery protocol: a table is a schema-only stream, a record is schema + one batch; both end with the
/// end-of-stream marker (0xFFFFFFFF, 0x00000000). No compression, as the Go SDK sends none.
/// </summary>
/// <remarks>
/// Metadata passes through untouched both ways: the writer emits schema and field metadata as given, and the
/// reader uses an empty extension registry so that <c>ARROW:extension:*</c> keys (CloudQuery's <c>uuid</c> on a
/// fixed_size_binary(16)) stay plain field metadata instead of being claimed by a .NET extension type.
/// </remarks>
internal static class ArrowIpc
{
    // Slack for the schema message (names, types, metadata) and the record batch header in front of the body.
    private const int HeaderAllowance = 4096;
    private const int HeaderAllowancePerField = 512;

    /// <summary>Encodes a table schema: the schema message then the end-of-stream marker.</summary>
    public static byte[] EncodeSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Encode(schema, batch: null, HeaderAllowance + (HeaderAllowancePerField * schema.FieldsList.Count));
    }

    /// <summary>Encodes a record: the batch's schema, exactly one record batch, then the end-of-stream marker.</summary>
    /// <remarks>The caller still owns (and disposes) <paramref name="batch"/>; the bytes do not reference it.</remarks>
    public static byte[] EncodeBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var expected = ArrowSizeEstimator.Estimate(batch, 0, batch.Length)
            + HeaderAllowance + (HeaderAllowancePerField * batch.Schema.FieldsList.Count);
        return Encode(batch.Schema, batch, expected);
    }

    /// <summary>Decodes the schema at the start of a stream (a table, or a record's schema).</summary>
    /// <exception cref="InvalidDataException">The bytes are not an Arrow IPC stream.</exception>
    public static Schema DecodeSchema(ReadOnlyMemory<byte> stream)
    {
        try
        {
            using var reader = OpenReader(stream);
            return reader.Schema ?? throw new InvalidDataException("The Arrow IPC stream has no schema.");
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw new InvalidDataException($"Not an Arrow IPC stream: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes every record batch of a stream, in order.</summary>
    /// <remarks>
    /// The batches are views over <paramref name="stream"/>: no body bytes are copied, so the memory must not be
    /// reused while they live. The caller disposes each batch.
    /// </remarks>
    /// <exception cref="InvalidDataException">The bytes are not an Arrow IPC stream.</exception>
    public static IReadOnlyList<RecordBatch> DecodeBatches(ReadOnlyMemory<byte> stream)
    {
        var batches = new List<RecordBatch>();
        try
        {
            using var reader = OpenReader(stream);
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }

            return batches;
        }
        catch (Exception ex)
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }

            if (IsMalformed(ex))
            {
                throw new InvalidDataException($"Not an Arrow IPC stream: {ex.Message}", ex);
            }

            throw;
        }
    }

    private static byte[] Encode(Schema schema, RecordBatch? batch, long expectedBytes)
    {
        var buffer = EncodeBufferPool.Rent(expectedBytes);
        try
        {
            using (var writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true))
            {
                writer.WriteStart();
                if (batch is not null)
                {
                    writer.WriteRecordBatch(batch);
                }

                writer.WriteEnd();
            }

            return buffer.ToArray();
        }
        finally
        {
            EncodeBufferPool.Return(buffer);
        }
    }

    private static ArrowStreamReader OpenReader(ReadOnlyMemory<byte> stream) =>
        new(new ArrowContext(null, null, new ExtensionTypeRegistry()), stream);

    // Arrow reports malformed input with assorted exception types; anything but resource exhaustion is bad input.
    private static bool IsMalformed(Exception ex) =>
        ex is not (InvalidDataException or OutOfMemoryException or OperationCanceledException);
}
