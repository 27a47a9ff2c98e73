using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using Xunit.Abstractions;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// Reads every file of the shared Parquet conformance corpus (<c>../shared/testdata</c>) through the real
/// readers and compares with a direct ParquetSharp read. Prints one line per file; skipped with a message when
/// the corpus is absent (a fresh clone has no <c>../shared</c>).
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly ParquetReadOptions Options = new(1024 * 1024, TimeSpan.FromSeconds(30));

    /// <summary>Types CloudQuery's SDKs do not model: no schema we send may hold one, at any depth.</summary>
    private static readonly HashSet<ArrowTypeId> Unmodeled =
    [
        ArrowTypeId.Dictionary, ArrowTypeId.HalfFloat, ArrowTypeId.StringView, ArrowTypeId.BinaryView,
        ArrowTypeId.ListView, ArrowTypeId.LargeListView, ArrowTypeId.Decimal32, ArrowTypeId.Decimal64,
    ];

    [Fact]
    public async Task Corpus_EveryFile_ReadsLikeParquetSharpOrFailsWithAParquetReadException()
    {
        var root = RepoPaths.SharedTestData;
        if (root is null)
        {
            output.WriteLine("SKIPPED: the Parquet conformance corpus (../shared/testdata or CQ_S3_TESTDATA) is absent.");
            return;
        }

        await using var store = new LocalFolderStore(root);
        var problems = new List<string>();
        var objects = await store.ListAsync("", CancellationToken.None)
            .Where(o => o.Key.StartsWith("parquet-testing/", StringComparison.Ordinal) || o.Key.StartsWith("arrow-testing/", StringComparison.Ordinal))
            .ToListAsync();
        Assert.NotEmpty(objects);
        foreach (var obj in objects)
        {
            if (ParquetCorpus.LeftOut.TryGetValue(obj.Key, out var reason))
            {
                output.WriteLine($"SKIP {obj.Key}: {reason}");
                continue;
            }

            var outcome = await CheckAsync(store, obj, Path.Combine(root, obj.Key));
            output.WriteLine(outcome.Line);
            if (!outcome.Passed)
            {
                problems.Add(outcome.Line);
            }
        }

        Assert.True(problems.Count == 0, "unexpected outcomes:\n" + string.Join("\n", problems));
    }

    private static async Task<(bool Passed, string Line)> CheckAsync(IObjectStore store, StoredObject obj, string path)
    {
        var kind = ParquetCorpus.Classify(obj.Key);
        var direct = ParquetCorpus.ReadDirectly(path);
        try
        {
            var info = await new ParquetFooterReader(Options).ReadAsync(store, obj, CancellationToken.None);
            Assert.DoesNotContain(info.Schema.FieldsList.SelectMany(f => TypeTree(f.DataType)), t => Unmodeled.Contains(t.TypeId));
            var rows = new List<string>();
            await foreach (var batch in new ParquetBatchReader(Options).ReadAsync(store, obj, 1000, CancellationToken.None))
            {
                using (batch)
                {
                    Assert.Equal(ArrowSchemaText.Describe(info.Schema), ArrowSchemaText.Describe(batch.Schema));
                    rows.AddRange(ArrowValueFormatter.Rows(batch));
                }
            }

            var sameValues = direct.Rows is not null && direct.Rows.SequenceEqual(rows);
            var footerAgrees = info.RowCount == rows.Count || ParquetCorpus.FooterRowCountLies.Contains(obj.Key);
            var line = $"READ {obj.Key}: {rows.Count} rows (footer {info.RowCount}), {(sameValues ? "values equal a direct read" : "VALUES DIFFER from a direct read: " + direct.Error)}";
            // A bad file the decoder accepts is tolerated only when our values equal the decoder's own.
            return (sameValues && footerAgrees && kind != CorpusFileKind.Encrypted && kind != CorpusFileKind.NotParquet, line);
        }
        catch (ParquetReadException e)
        {
            var line = $"FAIL {obj.Key}: {e.Failure}: {e.Reason}";
            return kind switch
            {
                CorpusFileKind.Encrypted => (e.Failure == ParquetFailure.Encrypted, line),
                CorpusFileKind.NotParquet => (e.Failure == ParquetFailure.NotParquet, line),
                // A known-bad file is bad on the evidence of its bytes, said without native type names.
                CorpusFileKind.Bad => (e.Failure is ParquetFailure.Corrupt or ParquetFailure.Unsupported or ParquetFailure.NotParquet
                    && !e.Message.Contains("N7parquet", StringComparison.Ordinal) && !e.Message.Contains("(message: '", StringComparison.Ordinal), line),
                // A well-formed file may fail only where ParquetSharp itself refuses it.
                _ => (direct.Rows is null, line + $" (direct ParquetSharp read also fails: {direct.Error})"),
            };
        }
        catch (Exception e) when (e is not StoreException)
        {
            return (false, $"CRASH {obj.Key}: {e}");
        }
    }

    private static IEnumerable<IArrowType> TypeTree(IArrowType type) =>
        type is NestedType nested ? nested.Fields.SelectMany(f => TypeTree(f.DataType)).Prepend(type) : [type];
}
