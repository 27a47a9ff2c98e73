using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared.S3;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Swift stamps an upload with the next full second, so right after an upload its LastModified lies ahead of our
/// clock and an incremental cursor rightly leaves it for a later run (too young). Syncing only once every listed
/// LastModified has passed makes each run see what the test uploaded. (A wait for a server's stamp, not a timing
/// assertion: nothing is asserted about how long anything takes.)
/// </summary>
internal static class ListedObjectsClock
{
    public static async Task WaitUntilEveryObjectIsInThePastAsync(S3ServerFixture server, string bucket)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var store = await S3ObjectStore.CreateAsync(server.StoreOptions(bucket), CancellationToken.None);
        var newest = await store.ListAsync("", CancellationToken.None).Select(o => o.LastModified).DefaultIfEmpty(DateTimeOffset.MinValue).MaxAsync();
        var wait = newest - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(20);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
