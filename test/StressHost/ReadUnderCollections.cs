using System.Collections.Concurrent;
using System.Globalization;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.StressHost;

/// <summary>
/// Opens, reads and closes many Parquet objects in parallel through <see cref="ParquetFooterReader"/> and
/// <see cref="ParquetBatchReader"/> (the sync's own path, pre-buffering included) while a background thread runs one
/// full blocking collection after another, so that anything the native decoder still calls into is collected at the
/// first moment nothing managed references it.
/// </summary>
internal static class ReadUnderCollections
{
    public static async Task<StressResult> RunAsync(string folder, int concurrency, int passes, CancellationToken cancellationToken)
    {
        await using var store = new LocalFolderStore(folder);
        var objects = new List<StoredObject>();
        await foreach (var obj in store.ListAsync("", cancellationToken).ConfigureAwait(false))
        {
            objects.Add(obj);
        }

        var options = ParquetReadOptions.Default;
        var failures = new ConcurrentQueue<string>();
        long rows = 0;
        long collections = 0;
        using var stopCollecting = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stopCollecting.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        })
        { IsBackground = true, Name = "collector" };
        collector.Start();
        try
        {
            var work = Enumerable.Range(0, passes).SelectMany(_ => objects);
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (obj, token) =>
            {
                try
                {
                    var footer = await new ParquetFooterReader(options).ReadAsync(store, obj, token).ConfigureAwait(false);
                    long read = 0;
                    await foreach (var batch in new ParquetBatchReader(options).ReadAsync(store, obj, 1024, token).ConfigureAwait(false))
                    {
                        read += batch.Length;
                        batch.Dispose();
                    }

                    if (read != footer.RowCount)
                    {
                        failures.Enqueue($"{obj.Key}: read {read} rows, the footer declares {footer.RowCount}");
                    }

                    Interlocked.Add(ref rows, read);
                }
                catch (Exception e) when (e is ParquetReadException or StoreException)
                {
                    failures.Enqueue($"{obj.Key}: {e.Message}");
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            await stopCollecting.CancelAsync().ConfigureAwait(false);
            collector.Join();
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"objects={objects.Count * passes} rows={rows} collections={Interlocked.Read(ref collections)}");
        return new StressResult(summary, [.. failures]);
    }
}

/// <summary>What one stress run did: a one-line summary and one line per object that failed.</summary>
internal sealed record StressResult(string Summary, IReadOnlyList<string> Failures);
