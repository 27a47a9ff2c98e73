using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Bench.Dataset;

namespace CqSourceS3.Bench.Soak;

/// <summary>
/// Changes a bucket while a sync reads it, one request after another: overwrites an object with the same bytes (a
/// new version, same rows) or with other rows (a variant file of the same row count), deletes an object, or
/// re-creates the object deleted longest ago. Deleted objects stay missing across syncs, as in a live bucket, but
/// never more than 200 (or a tenth of the objects) at once.
/// </summary>
internal sealed class ObjectChurn(AmazonS3Client s3, string bucket, IReadOnlyList<DatasetObject> objects, IReadOnlyList<string> variants, int seed)
{
    private const int VariantCount = 8;

    private readonly Random _random = new(seed);
    private readonly Queue<int> _deleted = new();
    private readonly HashSet<int> _missing = [];
    private readonly int _maxMissing = Math.Min(200, objects.Count / 10);

    private enum Change
    {
        SameRows,
        OtherRows,
        Delete,
        Recreate,
    }

    /// <summary>Objects deleted and not re-created yet.</summary>
    public int Missing => _missing.Count;

    /// <summary>
    /// Writes the files that "other rows" overwrites use: as many rows as each object of <paramref name="shape"/>,
    /// from another seed, with ids past the set's own.
    /// </summary>
    public static IReadOnlyList<string> WriteVariants(DatasetShape shape, int seed, string folder)
    {
        Directory.CreateDirectory(folder);
        return [.. Enumerable.Range(0, VariantCount).Select(v =>
        {
            var path = Path.Combine(folder, $"variant-{v}.parquet");
            new BenchTableWriter(seed + 1, v, firstId: shape.TotalRows + (v * shape.RowsPerFile)).Write(path, shape.RowsPerFile, rowGroups: 1);
            return path;
        })];
    }

    /// <summary>
    /// Makes changes until <paramref name="stop"/> is cancelled. Each request runs to its end, so what is missing is
    /// known; a failed request is counted and the churn goes on: the store under load is the sync's problem, not this.
    /// </summary>
    public async Task<ChurnCounts> RunAsync(CancellationToken stop, CancellationToken cancellationToken)
    {
        var done = new Dictionary<Change, int>();
        var failed = 0;
        while (!stop.IsCancellationRequested)
        {
            var change = Next();
            try
            {
                await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
                done[change] = done.GetValueOrDefault(change) + 1;
            }
            catch (Exception e) when (e is AmazonS3Exception or HttpRequestException or IOException)
            {
                failed++;
            }
        }

        return new ChurnCounts(done.GetValueOrDefault(Change.SameRows), done.GetValueOrDefault(Change.OtherRows),
            done.GetValueOrDefault(Change.Delete), done.GetValueOrDefault(Change.Recreate), failed);
    }

    /// <summary>A third each overwrite with the same or other rows; a sixth each delete and re-create.</summary>
    private Change Next()
    {
        var roll = _random.Next(6);
        return roll switch
        {
            < 2 => Change.SameRows,
            < 4 => Change.OtherRows,
            4 when _missing.Count < _maxMissing => Change.Delete,
            _ when _deleted.Count > 0 => Change.Recreate,
            _ => Change.Delete,
        };
    }

    private async Task ApplyAsync(Change change, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case Change.SameRows:
                var same = PresentObject();
                await PutAsync(objects[same].Key, objects[same].Path, cancellationToken).ConfigureAwait(false);
                break;
            case Change.OtherRows:
                await PutAsync(objects[PresentObject()].Key, variants[_random.Next(variants.Count)], cancellationToken).ConfigureAwait(false);
                break;
            case Change.Delete:
                var gone = PresentObject();
                await s3.DeleteObjectAsync(bucket, objects[gone].Key, cancellationToken).ConfigureAwait(false);
                _missing.Add(gone);
                _deleted.Enqueue(gone);
                break;
            case Change.Recreate:
                var back = _deleted.Peek();
                await PutAsync(objects[back].Key, objects[back].Path, cancellationToken).ConfigureAwait(false);
                _deleted.Dequeue();
                _missing.Remove(back);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private int PresentObject()
    {
        int index;
        do
        {
            index = _random.Next(objects.Count);
        }
        while (_missing.Contains(index));
        return index;
    }

    private async Task PutAsync(string key, string path, CancellationToken cancellationToken) =>
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = path,
            // Swift rejects the SDK's aws-chunked uploads (501); plain bodies work.
            UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
}
