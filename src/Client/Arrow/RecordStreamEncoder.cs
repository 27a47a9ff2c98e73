using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CqSourceS3.Client.Arrow;

/// <summary>
/// Encodes many records of one schema, each as its own Arrow IPC stream (schema, one batch, end-of-stream): the
/// same bytes as <see cref="ArrowIpc.EncodeBatch"/>, but the schema message is serialized once per encoder instead
/// of once per record.
/// </summary>
/// <remarks>
/// Every Insert must carry the schema, and a CloudQuery schema holds table and field metadata, so serializing it
/// cost as much as the record batch message itself at a few hundred rows per record. One encoder keeps one writer:
/// the writer emits the schema once, and each record's batch message is written straight into the record's own
/// array (a <see cref="RecordBufferStream"/>), between the cached schema bytes and the end-of-stream marker. Not
/// thread-safe: one encoder per reading object.
/// </remarks>
internal sealed class RecordStreamEncoder : IDisposable
{
    private static readonly byte[] EndOfStream = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00];

    /// <summary>Room for the batch message's header (its flatbuffer) and padding beyond the estimated body.</summary>
    private const int HeaderAllowance = 4096;

    private readonly Schema _schema;
    private readonly RecordBufferStream _buffer = new();
    private readonly ArrowStreamWriter _writer;
    private readonly byte[] _schemaMessage;

    public RecordStreamEncoder(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _buffer.Start(HeaderAllowance, []);
        _writer = new ArrowStreamWriter(_buffer, schema, leaveOpen: true);
        _writer.WriteStart();
        _schemaMessage = _buffer.Written.ToArray();
    }

    /// <summary>
    /// One record as a whole IPC stream, which the caller disposes once sent; the caller also keeps ownership of
    /// <paramref name="batch"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The batch has another schema than the encoder's.</exception>
    public EncodedRecord Encode(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Schema, _schema))
        {
            // The cached schema bytes would otherwise describe another layout than the batch message.
            throw new ArgumentException("The batch's schema is not the schema this encoder was made for.", nameof(batch));
        }

        var expected = _schemaMessage.Length + ArrowSizeEstimator.Estimate(batch, 0, batch.Length) + HeaderAllowance + EndOfStream.Length;
        _buffer.Start(expected, _schemaMessage);
        _writer.WriteRecordBatch(batch);
        return _buffer.Finish(EndOfStream);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }
}
