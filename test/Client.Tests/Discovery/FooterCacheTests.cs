using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Text;
using CqSourceS3.Naming;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Client.Tests.Discovery;

public sealed class FooterCacheTests : IDisposable
{
    private static readonly Field[] IdAndName = [Required("id", Int64Type.Default), Nullable("name", StringType.Default)];
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly InMemoryObjectStore _store = new("memory://bucket");
    private readonly string _folder = Directory.CreateTempSubdirectory("footer-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DiscoverAsync_SecondRunOverUnchangedObjects_ReadsNoFooterAndFindsTheSameTables()
    {
        for (var i = 0; i < 20; i++)
        {
            _store.Put($"sales/part-{i:D2}.parquet", Bytes(10 + i, IdAndName), Monday);
        }

        var first = await DiscoverAsync(Persistent());
        var readsOfFirstRun = _store.Reads.Count;
        var second = await DiscoverAsync(Persistent());

        Assert.True(readsOfFirstRun >= 20, $"the first run read {readsOfFirstRun} ranges");
        Assert.Equal(readsOfFirstRun, _store.Reads.Count);
        var before = Assert.Single(first.Tables);
        var after = Assert.Single(second.Tables);
        Assert.Null(after.Error);
        Assert.Equal(before.Rows, after.Rows);
        Assert.Equal(before.Files.Select(f => (f.StoredObject, f.RowCount, f.RowGroupCount, f.UncompressedBytes)), after.Files.Select(f => (f.StoredObject, f.RowCount, f.RowGroupCount, f.UncompressedBytes)));
        Assert.Equal(ArrowSchemaText.Describe(before.Table!.Schema), ArrowSchemaText.Describe(after.Table!.Schema));
        Assert.Equal(before.Table.Schema.Metadata.ToList(), after.Table.Schema.Metadata.ToList());
    }

    [Fact]
    public async Task DiscoverAsync_ObjectReplacedWithAnotherSchema_ReadsItsFooterAgainAndTheUnionSeesTheChange()
    {
        _store.Put("sales/a.parquet", Bytes(10, IdAndName), Monday);
        _store.Put("sales/b.parquet", Bytes(10, IdAndName), Monday);
        await DiscoverAsync(Persistent());

        _store.Put("sales/b.parquet", Bytes(10, [Required("id", Int64Type.Default)]), Monday.AddMinutes(5));
        var readsBefore = _store.Reads.Count;
        var result = await DiscoverAsync(Persistent());

        Assert.All(_store.Reads.Skip(readsBefore), r => Assert.Equal("sales/b.parquet", r.Key));
        // union_by_name (the default): "name" is now missing from the rewritten object, which only a new footer read shows.
        Assert.Equal(1, Assert.Single(Assert.Single(result.Tables).Evolution, c => c.Name == "name").MissingIn);
    }

    [Theory]
    [InlineData("size")]
    [InlineData("modified")]
    [InlineData("etag")]
    [InlineData("version")]
    public void TryGet_AnyIdentifyingFieldChanged_Misses(string changed)
    {
        var cache = FooterCache.InMemory(NullLogger.Instance);
        var obj = new StoredObject("t/a.parquet", 100, Monday, "etag-1", "v1");
        cache.Put(Info(obj));
        var other = changed switch
        {
            "size" => obj with { Size = 101 },
            "modified" => obj with { LastModified = Monday.AddTicks(1) },
            "etag" => obj with { ETag = "etag-2" },
            _ => obj with { VersionId = "v2" },
        };

        var listed = obj with { };
        Assert.True(cache.TryGet(listed, out var hit));
        Assert.Same(listed, hit.StoredObject);
        Assert.False(cache.TryGet(other, out _));
    }

    [Fact]
    public void Commit_KeyNoLongerListed_IsDroppedFromTheFile()
    {
        var cache = Persistent();
        var kept = new StoredObject("t/kept.parquet", 100, Monday, "e1");
        var deleted = new StoredObject("t/deleted.parquet", 100, Monday, "e2");
        cache.Put(Info(kept));
        cache.Put(Info(deleted));

        cache.Commit(["t/kept.parquet"]);
        var reloaded = Persistent();

        Assert.True(reloaded.TryGet(kept, out _));
        Assert.False(reloaded.TryGet(deleted, out _));
        Assert.Equal(1, reloaded.Count);
    }

    [Fact]
    public void Write_ManyObjectsOfOneTable_StoresTheSchemaOnceAndLoadsOneSharedInstance()
    {
        var file = CacheFile();
        var entries = Enumerable.Range(0, 1000).Select(i => Info(new StoredObject($"t/part-{i:D4}.parquet", 1000 + i, Monday, $"etag-{i}"))).ToList();

        Assert.Equal(1000, file.Write(entries));
        var loaded = file.Read();

        Assert.Equal(entries.Select(e => e.StoredObject), loaded.Select(e => e.StoredObject));
        Assert.Single(loaded.Select(e => e.Schema).Distinct(ReferenceEqualityComparer.Instance));
        Assert.InRange(new FileInfo(file.Path).Length, 1, 100 * 1000);
    }

    [Fact]
    public void Read_SchemaWrittenBeforeViewAndSmallDecimalConversions_LoadsNormalized()
    {
        // What an older plugin cached for a file whose stored Arrow schema asks for view types and decimal32.
        var file = CacheFile();
        var old = new Schema(
            [Nullable("name", StringViewType.Default), Nullable("price", new Decimal32Type(9, 2)), Nullable("tags", new ListViewType(new Field("item", BinaryViewType.Default, true)))],
            [new("origin", "test")]);
        Assert.Equal(1, file.Write([new ObjectFileInfo(new StoredObject("t/a.parquet", 1000, Monday, "etag"), old, 10, 1, 500)]));

        var loaded = Assert.Single(file.Read());

        Assert.Equal(ArrowSchemaText.Describe(ArrowTypeNormalizer.NormalizeSchema(old)), ArrowSchemaText.Describe(loaded.Schema));
        Assert.Equal("name: utf8\nprice: decimal128(9,2)\ntags: list<item: binary>\nmetadata {origin=test}", ArrowSchemaText.Describe(loaded.Schema));
    }

    [Fact]
    public void Read_CorruptOrForeignFile_IsIgnoredAndReplacedOnTheNextCommit()
    {
        var obj = new StoredObject("t/a.parquet", 100, Monday, "e1");
        File.WriteAllBytes(CacheFile().Path, [1, 2, 3, 4, 5]);
        var corrupt = Persistent();

        Assert.False(corrupt.TryGet(obj, out _));
        corrupt.Put(Info(obj));
        corrupt.Commit([obj.Key]);

        Assert.True(Persistent().TryGet(obj, out _));
        // Another prefix of the same bucket has a file of its own and does not see these entries.
        Assert.False(FooterCache.Persistent(FooterCacheFile.For(_folder, _store.Location, "other/"), NullLogger.Instance).TryGet(obj, out _));
    }

    [Fact]
    public void Write_TextObjectFacts_ReadBackExactlyWithTheirJsonColumn()
    {
        var file = CacheFile();
        var schema = new Schema([TextTypes.ToField("id", TextType.Int64), TextTypes.ToField("ctx", TextType.Json), TextTypes.ToField("at", TextType.Timestamp)], []);
        var csv = new ObjectFileInfo(new StoredObject("t/a.csv.gz", 1000, Monday, "e1"), schema, 1000, 1) { Text = new TextFacts(ObjectFormats.Csv, ObjectCompression.Gzip, "csv:{\"delimiter\":null}", RowsExact: false) };
        var jsonl = new ObjectFileInfo(new StoredObject("t/b.jsonl", 10, Monday, "e2"), schema, 3, 1) { Text = new TextFacts(ObjectFormats.JsonLines, ObjectCompression.None, "jsonl:{}", RowsExact: true) };
        var parquet = Info(new StoredObject("t/c.parquet", 100, Monday, "e3"));

        Assert.Equal(3, file.Write([csv, jsonl, parquet]));
        var loaded = file.Read().ToDictionary(i => i.StoredObject.Key);

        Assert.Equal(csv.Text, loaded["t/a.csv.gz"].Text);
        Assert.Equal(jsonl.Text, loaded["t/b.jsonl"].Text);
        Assert.Null(loaded["t/c.parquet"].Text);
        Assert.Equal((1000L, false), (loaded["t/a.csv.gz"].RowCount, loaded["t/a.csv.gz"].RowCountIsExact));
        Assert.Equal(ArrowSchemaText.Describe(schema), ArrowSchemaText.Describe(loaded["t/b.jsonl"].Schema));
        Assert.Equal(TextType.Json, TextTypes.Of(loaded["t/b.jsonl"].Schema.GetFieldByName("ctx")));
    }

    [Fact]
    public void Read_FileOfTheLayoutBeforeTextFormats_ReadsAsEmptyWithoutAComplaint()
    {
        var bytes = "CQS3FTR1"u8.ToArray().Concat(new byte[64]).ToArray();
        File.WriteAllBytes(CacheFile().Path, bytes);

        Assert.Empty(CacheFile().Read());
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public void Read_CountBeyondTheFile_IsIgnoredInsteadOfAllocatingIt(int count)
    {
        var obj = new StoredObject("t/a.parquet", 100, Monday, "e1");
        CacheFile().Write([Info(obj)]);
        var bytes = File.ReadAllBytes(CacheFile().Path);
        // The schema count follows the 8-byte magic and the 32-byte scope hash.
        BitConverter.TryWriteBytes(bytes.AsSpan(40, 4), count);
        File.WriteAllBytes(CacheFile().Path, bytes);

        Assert.Throws<InvalidDataException>(() => CacheFile().Read());
        Assert.False(Persistent().TryGet(obj, out _));
    }

    [Fact]
    public void Commit_FolderCannotBeCreated_LeavesTheCacheInMemoryWithoutThrowing()
    {
        var blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var cache = FooterCache.Persistent(FooterCacheFile.For(Path.Combine(blocker, "cache"), _store.Location, ""), NullLogger.Instance);
        var obj = new StoredObject("t/a.parquet", 100, Monday, "e1");
        cache.Put(Info(obj));

        cache.Commit([obj.Key]);

        Assert.True(cache.TryGet(obj, out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SourceClient_FooterCacheOption_DecidesWhetherANewClientReadsFootersAgain(bool footerCache)
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data", "sales")).FullName;
        var path = Path.Combine(data, "a.parquet");
        var bytes = Bytes(10, IdAndName);
        File.WriteAllBytes(path, bytes);
        var cacheDir = Path.Combine(_folder, "cache");
        var spec = new SourceSpec { LocalPath = Path.GetDirectoryName(data), FooterCache = footerCache, FooterCacheDir = cacheDir };
        await using (var first = await SourceClient.CreateAsync(spec, NullLoggerFactory.Instance, CancellationToken.None))
        {
            Assert.Null(Assert.Single((await first.DiscoverAsync(CancellationToken.None)).Tables).Error);
        }

        // Same size and modification time, unreadable bytes: only a cached footer still describes the table.
        var modified = File.GetLastWriteTimeUtc(path);
        File.WriteAllBytes(path, new byte[bytes.Length]);
        File.SetLastWriteTimeUtc(path, modified);
        await using var second = await SourceClient.CreateAsync(spec, NullLoggerFactory.Instance, CancellationToken.None);
        var result = await second.DiscoverAsync(CancellationToken.None);

        Assert.Equal(footerCache ? 1 : 0, Directory.Exists(cacheDir) ? Directory.GetFiles(cacheDir).Length : 0);
        Assert.Equal(footerCache ? 0 : 1, result.Skipped.Count);
        Assert.Equal(footerCache ? 10 : 0, result.Tables.Sum(t => t.Rows));
    }

    private static ObjectFileInfo Info(StoredObject obj)
    {
        var schema = new Schema(IdAndName, [new("origin", "test")]);
        return new ObjectFileInfo(obj, schema, 10, 1, 500);
    }

    private FooterCacheFile CacheFile() => FooterCacheFile.For(_folder, _store.Location, "");

    private FooterCache Persistent() => FooterCache.Persistent(CacheFile(), NullLogger.Instance);

    private Task<DiscoveryResult> DiscoverAsync(FooterCache cache) =>
        new TableDiscovery(_store, ParquetReadOptions.Default, concurrency: 4, NullLogger.Instance, cache).DiscoverAsync("", CancellationToken.None);
}
