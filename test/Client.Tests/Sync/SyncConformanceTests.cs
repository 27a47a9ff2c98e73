using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>
/// One real sync over a folder holding every Parquet file of the shared conformance corpus, each copied to the
/// root under its own name so that it is its own table. Well-formed files must sync exactly the rows a direct
/// ParquetSharp read yields; bad and encrypted files must be skipped or fail their table, without failing or
/// hanging the sync. Passes with a "SKIPPED" line when the corpus is absent (a fresh clone has no <c>../shared</c>).
/// </summary>
public sealed class SyncConformanceTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Catches a hang of the whole sync; far above what the corpus takes.</summary>
    private static readonly TimeSpan SyncLimit = TimeSpan.FromMinutes(5);

    /// <summary>A per-object limit well inside <see cref="SyncLimit"/>, so a spinning decoder fails its object instead.</summary>
    private static readonly ParquetReadOptions ReadOptions = new(1024 * 1024, TimeSpan.FromSeconds(60));

    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-conformance-").FullName;
    private readonly TestCacheFolder _cache = new();

    [Fact]
    public async Task Sync_EveryCorpusFileAsItsOwnTable_SyncsWellFormedFilesExactlyAndSkipsTheRest()
    {
        var root = RepoPaths.SharedTestData;
        if (root is null)
        {
            output.WriteLine("SKIPPED: the Parquet conformance corpus (../shared/testdata or CQ_S3_TESTDATA) is absent.");
            return;
        }

        var tables = CopyCorpus(root);
        Assert.NotEmpty(tables);
        await using var client = await SourceClient.CreateAsync(
            _cache.For(new SourceSpec { LocalPath = _folder, RowsPerRecord = 1000, Concurrency = 4 }), NullLoggerFactory.Instance, CancellationToken.None);
        var run = new SyncEngine(client.Store, client.Spec, new SyncSettings { ReadOptions = ReadOptions }, NullLogger.Instance)
            .Start(new SyncRequest(["*"], []), state: null);
        using var limit = new CancellationTokenSource(SyncLimit);

        var sync = await CollectedSyncMessages.CollectAsync(run.ReadAllAsync(limit.Token))
            .WaitAsync(SyncLimit + TimeSpan.FromSeconds(30));

        var problems = new List<string>();
        var synced = 0;
        foreach (var (table, key) in tables)
        {
            var (passed, line) = Check(table, key, Path.Combine(root, key), sync, run);
            output.WriteLine(line);
            synced += line.StartsWith("EQUAL ", StringComparison.Ordinal) ? 1 : 0;
            if (!passed)
            {
                problems.Add(line);
            }
        }

        Assert.True(problems.Count == 0, "unexpected outcomes:\n" + string.Join("\n", problems));
        Assert.True(synced > tables.Count / 2, $"only {synced} of {tables.Count} files synced values equal to a direct read");
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        _cache.Dispose();
    }

    /// <summary>Copies each corpus file to <c>cNNN.parquet</c>; returns table name → corpus key.</summary>
    private SortedDictionary<string, string> CopyCorpus(string root)
    {
        var keys = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(key => key.StartsWith("parquet-testing/data/", StringComparison.Ordinal)
                || key.StartsWith("parquet-testing/bad_data/", StringComparison.Ordinal)
                || (key.StartsWith("arrow-testing/", StringComparison.Ordinal) && !key[14..].Contains('/', StringComparison.Ordinal)))
            .Where(key => ParquetCorpus.Classify(key) != CorpusFileKind.NotParquet)
            .Order(StringComparer.Ordinal)
            .ToList();
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (ParquetCorpus.LeftOut.TryGetValue(key, out var reason))
            {
                output.WriteLine($"SKIP {key}: {reason}");
                continue;
            }

            var table = $"c{tables.Count:000}";
            File.Copy(Path.Combine(root, key), Path.Combine(_folder, table + ".parquet"));
            tables.Add(table, key);
        }

        return tables;
    }

    private static (bool Passed, string Line) Check(string table, string key, string path, CollectedSyncMessages sync, SyncRun run)
    {
        var kind = ParquetCorpus.Classify(key);
        var migrated = sync.Migrations.Any(m => m.Table == table);
        var error = sync.Errors.FirstOrDefault(e => e.Table == table)?.Error;
        var skip = run.Skipped.FirstOrDefault(s => s.Table == table)?.Reason;
        var rows = sync.RowsOf(table).ToList();
        var refused = error is not null || skip is not null;
        var what = $"{table} = {key}: {(migrated ? "migrated" : "not migrated")}, {rows.Count} rows"
            + (skip is null ? "" : $", skipped: {skip}") + (error is null ? "" : $", table error: {error}");
        if (kind == CorpusFileKind.Encrypted)
        {
            return (refused && rows.Count == 0, (refused ? "REFUSED " : "READ ENCRYPTED ") + what);
        }

        var direct = ParquetCorpus.ReadDirectly(path);
        var sameValues = direct.Rows is not null && direct.Rows.SequenceEqual(rows);
        var line = (refused ? "REFUSED " : sameValues ? "EQUAL " : "DIFFERENT ") + what
            + (direct.Rows is null ? $" (direct read fails: {direct.Error})" : $" (direct read: {direct.Rows.Count} rows)");
        return kind switch
        {
            // A bad file the decoder accepts is tolerated only when the synced values equal the decoder's own.
            CorpusFileKind.Bad => (refused || (migrated && sameValues), line),
            // A well-formed file may be refused only where ParquetSharp itself refuses it.
            _ => direct.Rows is null ? (refused, line) : (migrated && !refused && sameValues, line),
        };
    }
}
