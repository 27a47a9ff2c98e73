using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using CqSourceS3.Protocol.Plugin.V3;
using Grpc.Core;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// Reads each Sync response where gRPC received it. An Insert's Arrow IPC stream is decoded straight from the
/// received message: its rows are counted and its <c>id</c> column summed, then nothing of it is kept. The generated
/// parser would first copy the record into a fresh array, about 250 KB per Insert at the default record size. That
/// is a cost of .NET's protobuf, not of the plugin, and on the bench's two cores it would slow the plugin down with
/// it. Every other message goes through the generated parser.
/// </summary>
internal static class SyncResponseReader
{
    /// <summary>Field 2 (<c>insert</c>) of Sync.Response, length-delimited.</summary>
    private const byte InsertTag = (2 << 3) | 2;

    /// <summary>Field 1 (<c>record</c>) of Sync.MessageInsert, length-delimited.</summary>
    private const byte RecordTag = (1 << 3) | 2;

    /// <summary>The bench data sets number their rows in an int64 column of this name, 0 to rows − 1.</summary>
    private const string IdColumn = "id";

    public static readonly Marshaller<SyncResponseSummary> Marshaller = new(
        static (_, _) => throw new NotSupportedException("the bench only receives Sync responses"),
        Read);

    private static SyncResponseSummary Read(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();

        // Grpc.Net.Client hands over each message in one buffer; anything else is copied once to get there.
        var message = payload.IsSingleSegment ? payload.First : payload.ToArray();
        if (TryFindRecord(message.Span, out var start, out var length))
        {
            return Insert(message.Slice(start, length));
        }

        var response = Sync.Types.Response.Parser.ParseFrom(payload);
        return response.MessageCase switch
        {
            Sync.Types.Response.MessageOneofCase.Insert => Insert(response.Insert.Record.Memory),
            Sync.Types.Response.MessageOneofCase.MigrateTable => new SyncResponseSummary(SyncResponseKind.MigrateTable, 0, 0, 0, null),
            Sync.Types.Response.MessageOneofCase.Error => new SyncResponseSummary(
                SyncResponseKind.Error, 0, 0, 0, $"the plugin reported an error for {response.Error.TableName}: {response.Error.Error}"),
            _ => new SyncResponseSummary(SyncResponseKind.Other, 0, 0, 0, null),
        };
    }

    /// <summary>
    /// The record's place when the message is an Insert laid out as protobuf writes it: the insert field, then its
    /// record field filling it exactly. Any other layout (or message) is left to the generated parser.
    /// </summary>
    private static bool TryFindRecord(ReadOnlySpan<byte> message, out int start, out int length)
    {
        start = length = 0;
        var position = 0;
        if (message.IsEmpty || message[position++] != InsertTag || !TryReadLength(message, ref position, out var insertLength)
            || position + insertLength != message.Length || insertLength == 0 || message[position++] != RecordTag
            || !TryReadLength(message, ref position, out length) || position + length != message.Length)
        {
            return false;
        }

        start = position;
        return true;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> message, ref int position, out int value)
    {
        value = 0;
        for (var shift = 0; shift < 35 && position < message.Length; shift += 7)
        {
            var next = message[position++];
            value |= (next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value >= 0;
            }
        }

        return false;
    }

    private static SyncResponseSummary Insert(ReadOnlyMemory<byte> ipcStream)
    {
        // The reader borrows the message's buffer, which gRPC reuses once this returns: nothing outlives the loop.
        using var reader = new ArrowStreamReader(ipcStream);
        long rows = 0, idSum = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                rows += batch.Length;
                idSum += Sum(batch);
            }
        }

        return new SyncResponseSummary(SyncResponseKind.Insert, rows, idSum, ipcStream.Length, null);
    }

    private static long Sum(RecordBatch batch)
    {
        var index = batch.Schema.GetFieldIndex(IdColumn);
        if (index < 0 || batch.Column(index) is not Int64Array ids || ids.NullCount > 0)
        {
            throw new InvalidOperationException($"an Insert has no non-null int64 column '{IdColumn}'");
        }

        long sum = 0;
        foreach (var id in ids.Values)
        {
            sum += id;
        }

        return sum;
    }
}

internal enum SyncResponseKind
{
    Insert,
    MigrateTable,
    Error,
    Other,
}

/// <summary>What one Sync response carried: for an Insert its rows, the sum of its ids and its IPC bytes; for an Error its text.</summary>
internal sealed record SyncResponseSummary(SyncResponseKind Kind, long Rows, long IdSum, long IpcBytes, string? Error);
