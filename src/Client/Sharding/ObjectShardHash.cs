using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Sharding;

/// <summary>
/// Which shard an object belongs to under <c>shard_by: object</c>: <c>1 + (XxHash64(UTF-8 bytes of the key, seed 0)
/// mod total)</c>. The key is the object's full key in the bucket (or its path under the folder, with <c>/</c>), so
/// the answer depends on nothing but the key and the total. This is a contract between versions: shards run by
/// different releases of the plugin must agree, so the hash (<see cref="Utf8Hash"/>) never changes.
/// </summary>
public static class ObjectShardHash
{
    /// <summary>The 1-based shard of <paramref name="key"/> among <paramref name="total"/> shards.</summary>
    public static int ShardOf(string key, int total)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        return 1 + (int)(Utf8Hash.Of(key) % (ulong)total);
    }
}
