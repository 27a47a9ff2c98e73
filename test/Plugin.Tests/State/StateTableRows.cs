using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Plugin.State;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;
using Grpc.Core;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.Tests.State;

/// <summary>
/// What a state backend really holds in a state table, read with the backend's own Read RPC rather than through
/// the plugin's state client, so a test sees what the next sync would load.
/// </summary>
internal static class StateTableRows
{
    /// <summary>Every row of <paramref name="table"/>, ordered by key; a key held twice shows twice.</summary>
    public static async Task<List<(string Key, string Value, ulong Version)>> ListAsync(PluginClient backend, string table)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var rows = new List<(string, string, ulong)>();
        var request = new Read.Types.Request { Table = ByteString.CopyFrom(ArrowIpc.EncodeSchema(StateTable.Schema(table))) };
        using var call = backend.Read(request);
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            foreach (var batch in ArrowIpc.DecodeBatches(response.Record.Memory))
            {
                using (batch)
                {
                    var keys = (StringArray)batch.Column(StateTable.KeyColumn);
                    var values = (StringArray)batch.Column(StateTable.ValueColumn);
                    var versions = (UInt64Array)batch.Column(StateTable.VersionColumn);
                    rows.AddRange(Enumerable.Range(0, batch.Length).Select(i => (keys.GetString(i), values.GetString(i), versions.GetValue(i) ?? 0)));
                }
            }
        }

        return [.. rows.OrderBy(r => r.Item1, StringComparer.Ordinal)];
    }

    /// <summary>Every row of <paramref name="table"/> as key → (value, version); of a key held twice, the row read last.</summary>
    public static async Task<Dictionary<string, (string Value, ulong Version)>> ReadAsync(PluginClient backend, string table)
    {
        var rows = new Dictionary<string, (string, ulong)>(StringComparer.Ordinal);
        foreach (var (key, value, version) in await ListAsync(backend, table))
        {
            rows[key] = (value, version);
        }

        return rows;
    }
}
