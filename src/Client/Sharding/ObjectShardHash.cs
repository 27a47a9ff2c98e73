using System.IO.Hashing;
using System.Text;

namespace CqSourceS3.Client.Sharding;

/// <summary>
/// Which shard an object belongs to under <c>shard_by: object</c>: <c>1 + (XxHash64(UTF-8 bytes of the key, seed 0)
/// mod total)</c>. The key is the object's full key in the bucket (or its path under the folder, with <c>/</c>), so
/// the answer depends on nothing but the key and the total. This is a contract between versions: shards run by
/// different releases of the plugin must agree, so the hash, the seed and the encoding never change.
/// </summary>
public static class ObjectShardHash
{
    /// <summary>The 1-based shard of <paramref name="key"/> among <paramref name="total"/> shards.</summary>
    public static int ShardOf(string key, int total)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        var bytes = Encoding.UTF8.GetBytes(key);
        return 1 + (int)(XxHash64.HashToUInt64(bytes) % (ulong)total);
    }
}
