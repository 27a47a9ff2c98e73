using System.CommandLine;
using CqSourceS3.Client.Sharding;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>--shard N/M</c> of the standalone <c>sync</c> and <c>discover</c>, read as the CloudQuery CLI reads its own:
/// 1-based, both at least 1, N at most M. A bad value is a usage error naming the option, before anything is listed.
/// </summary>
internal static class ShardOption
{
    public static Option<SyncShard?> Create(string purpose) => new("--shard")
    {
        Description = $"Only shard N of M, as `cloudquery sync --shard N/M` runs it: {purpose} (the spec's shard_by says whether objects or whole tables are divided)",
        HelpName = "N/M",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (SyncShard.TryParse(text, out var shard, out var problem))
            {
                return shard;
            }

            result.AddError($"--shard {text}: {problem}");
            return null;
        },
    };
}
