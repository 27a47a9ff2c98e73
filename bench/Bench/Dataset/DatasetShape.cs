using System.Globalization;

namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// One of the three data sets, scaled: how many objects, rows per object and row groups per object.
/// Every set has the same eleven columns (<see cref="BenchTableWriter"/>), so only sizes differ.
/// </summary>
internal sealed record DatasetShape(string Name, string TableFolder, int FileCount, long RowsPerFile, int RowGroupsPerFile)
{
    public const string Reference = "reference";
    public const string SmallFiles = "small-files";
    public const string BigFile = "big-file";

    /// <summary>The reference set as a producer whose schema drifted wrote it: every other file lacks the <c>score</c> column.</summary>
    public const string ReferenceDrift = "reference-drift";

    /// <summary>The reference row group size at full scale (2,000,000 rows in 8 row groups).</summary>
    private const long RowsPerRowGroup = 250_000;

    /// <summary>The issue's ~8 row groups per reference file, kept at every scale.</summary>
    private const int ReferenceRowGroups = 8;

    /// <summary>Rows in one "small files" object: a few KB of Parquet, most of it footer.</summary>
    private const long SmallFileRows = 40;

    public static IReadOnlyList<string> Names { get; } = [Reference, SmallFiles, BigFile, ReferenceDrift];

    /// <summary>Whether file <paramref name="index"/> of this set lacks the <c>score</c> column.</summary>
    public bool LacksScore(int index) => Name == ReferenceDrift && index % 2 == 1;

    public long TotalRows => FileCount * RowsPerFile;

    /// <summary>
    /// Scales the sizes. Row counts scale for the two large sets; the small-files set scales its object
    /// count instead (each object stays a few KB), never below 100 objects so listing still pages.
    /// </summary>
    public static DatasetShape For(string name, double scale)
    {
        if (scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be positive");
        }

        return name switch
        {
            Reference or ReferenceDrift => Rows(name, "bench_reference", 4, 2_000_000 * scale, _ => ReferenceRowGroups),
            // The big file keeps the row group size rather than the count: memory must not grow with file size,
            // so the file only gets more row groups of the same size.
            BigFile => Rows(name, "bench_big_file", 1, 32_000_000 * scale, rows => (double)rows / RowsPerRowGroup),
            SmallFiles => new DatasetShape(name, "bench_small_files", (int)Math.Max(100, Math.Round(10_000 * scale)), SmallFileRows, 1),
            _ => throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"unknown set \"{name}\"; use one of {string.Join(", ", Names)}"), nameof(name)),
        };
    }

    /// <summary>The object key of file <paramref name="index"/>; a shared folder makes every file one table.</summary>
    public string Key(int index) => string.Create(CultureInfo.InvariantCulture, $"{TableFolder}/part-{index:D5}.parquet");

    /// <summary>The directory holding this set under an output root; it is the plugin's <c>local_path</c>.</summary>
    public string Root(string outputRoot) => Path.Combine(outputRoot, Name);

    private static DatasetShape Rows(string name, string folder, int files, double rowsPerFile, Func<long, double> rowGroupsFor)
    {
        var rows = Math.Max(1_000L, (long)Math.Round(rowsPerFile));
        var rowGroups = (int)Math.Max(1, Math.Round(rowGroupsFor(rows)));
        return new DatasetShape(name, folder, files, rows, rowGroups);
    }
}
