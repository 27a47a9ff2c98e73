using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqSourceS3.Client.Tests;

/// <summary>The façade's own decisions, over an in-memory bucket.</summary>
public sealed class SourceClientTests
{
    [Fact]
    public async Task GetTables_StarOverAPrefixWithoutParquet_NamesBucketAndPrefix()
    {
        var store = new InMemoryObjectStore("s3://my-bucket");
        store.Put("exports/README.txt", "no tables here"u8.ToArray());
        store.Put("other/t.parquet", SimpleParquet.Bytes(1, SimpleParquet.Nullable("x", Apache.Arrow.Types.Int64Type.Default)));
        await using var client = SourceClient.Create(new SourceSpec { Bucket = "my-bucket", PathPrefix = "exports/" }, store, NullLoggerFactory.Instance);

        var ex = await Assert.ThrowsAsync<TableFilterException>(() => client.GetTablesAsync(["*"], [], CancellationToken.None));

        Assert.Equal(
            "tables include a pattern * with no matches: there are no Parquet objects in s3://my-bucket under path_prefix \"exports/\" " +
            "(1 other object there does not end in .parquet); check the bucket or folder and path_prefix",
            ex.Message);
    }

    [Fact]
    public async Task Sync_StarOverAnEmptyPrefix_NamesBucketAndPrefixBeforeAnyMessage()
    {
        var store = new InMemoryObjectStore("s3://my-bucket");
        store.Put("other/t.parquet", SimpleParquet.Bytes(1, SimpleParquet.Nullable("x", Apache.Arrow.Types.Int64Type.Default)));
        await using var client = SourceClient.Create(new SourceSpec { Bucket = "my-bucket", PathPrefix = "exports/" }, store, NullLoggerFactory.Instance);
        var messages = 0;

        var ex = await Assert.ThrowsAsync<TableFilterException>(async () =>
        {
            await foreach (var message in client.StartSync(new SyncRequest(["*"], [])).ReadAllAsync(CancellationToken.None))
            {
                messages++;
            }
        });

        Assert.Equal(
            "tables include a pattern * with no matches: there are no Parquet objects in s3://my-bucket under path_prefix \"exports/\"; " +
            "check the bucket or folder and path_prefix",
            ex.Message);
        Assert.Equal(0, messages);
    }
}
