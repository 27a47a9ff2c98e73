using System.Globalization;
using CqSourceS3.Client.Mirror;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Bench.Mirror;

/// <summary>
/// Object keys shaped like a real lake's and like <c>MirrorStateTests</c>' (a dated folder, a part number and a
/// writer's UUID, about 80 characters), so the bench's state size is the test's at 100,000 keys.
/// </summary>
internal static class MirrorKeys
{
    /// <summary>Keys <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1, each with the version the plugin would remember.</summary>
    public static Dictionary<string, ulong> Entries(int first, int count)
    {
        var entries = new Dictionary<string, ulong>(count, StringComparer.Ordinal);
        for (var i = first; i < first + count; i++)
        {
            var key = Key(i);
            entries[key] = MirrorVersion.Of(new StoredObject(key, 1, DateTimeOffset.UnixEpoch, "\"etag\""));
        }

        return entries;
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture,
        $"logs/year=2026/month={1 + (i % 12):00}/day={1 + (i % 28):00}/part-{i:00000}-{new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)(i % 251)])}.parquet");
}
