using ParquetSharp.Arrow;

namespace CqSourceS3.Tests.Shared;

/// <summary>What a conformance corpus file is expected to be, judged by its path.</summary>
public enum CorpusFileKind
{
    /// <summary>A valid Parquet file: it must read like a direct ParquetSharp read.</summary>
    WellFormed,

    /// <summary>Under <c>parquet-testing/bad_data/</c>: it must fail cleanly, or read exactly like the decoder itself.</summary>
    Bad,

    /// <summary>Parquet modular encryption: it must be refused as encrypted.</summary>
    Encrypted,

    /// <summary>Not Parquet at all (CSV, JSON, bloom filter dumps).</summary>
    NotParquet,
}

/// <summary>
/// The shared Parquet conformance corpus (<see cref="RepoPaths.SharedTestData"/>): which files are left out and
/// why, what each file is expected to be, and the reference read every reader of ours is compared with.
/// </summary>
public static class ParquetCorpus
{
    /// <summary>Files left out of corpus tests (keys relative to the corpus root), each with its reason.</summary>
    public static IReadOnlyDictionary<string, string> LeftOut { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["parquet-testing/data/large_string_map.brotli.parquet"] = "inflates to more than 2 GB: a memory-safety case, not a default test",
    };

    /// <summary>Well-formed files whose footer row count is known to disagree with their row groups.</summary>
    public static IReadOnlySet<string> FooterRowCountLies { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "parquet-testing/data/repeated_no_annotation.parquet",
    };

    /// <summary>The kind of the file at <paramref name="key"/> (relative to the corpus root, <c>/</c> separators).</summary>
    public static CorpusFileKind Classify(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.EndsWith(".parquet.encrypted", StringComparison.Ordinal) ? CorpusFileKind.Encrypted
            : !key.EndsWith(".parquet", StringComparison.Ordinal) ? CorpusFileKind.NotParquet
            : key.StartsWith("parquet-testing/bad_data/", StringComparison.Ordinal) ? CorpusFileKind.Bad
            : CorpusFileKind.WellFormed;
    }

    /// <summary>
    /// The reference: every row of the file at <paramref name="path"/> as <see cref="ArrowValueFormatter"/> renders
    /// it, read by ParquetSharp's Arrow reader with INT96 in microseconds like ours; or why that read failed.
    /// </summary>
    public static (List<string>? Rows, string? Error) ReadDirectly(string path)
    {
        try
        {
            using var properties = ArrowReaderProperties.GetDefault();
            properties.CoerceInt96TimestampUnit = Apache.Arrow.Types.TimeUnit.Microsecond;
            using var reader = new FileReader(path, null, properties);
            using var batches = reader.GetRecordBatchReader();
            var rows = new List<string>();
            while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            {
                using (batch)
                {
                    rows.AddRange(ArrowValueFormatter.Rows(batch));
                }
            }

            return (rows, null);
        }
        catch (Exception e)
        {
            // Any failure of the reference read is an outcome to compare with, not an error.
            return (null, e.GetType().Name + ": " + e.Message.Split('\n')[0]);
        }
    }
}
