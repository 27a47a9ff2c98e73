using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// Writes issue #20's memory scenario files: one <c>.csv.gz</c> of about a given compressed size, made by repeating
/// the data rows of a CSV file DuckDB wrote (the reference set as CSV) through <see cref="GZipStream"/> at its fastest
/// level. The ids are renumbered as the rows are written, so they run 0 to rows − 1 as in every bench set and the
/// harness's id sum still proves every row arrived once. Kept while the source and the target size are unchanged.
/// </summary>
internal static class BigTextWriter
{
    public const string TableFolder = "bench_big_text";

    private const string MarkerName = ".generated";

    /// <summary>Rows of the source repeated: enough to look like data to gzip, few enough to hold in memory.</summary>
    private const int TemplateRows = 100_000;

    /// <summary>Bytes collected before each write to the compressor, and how often the compressed size is looked at.</summary>
    private const int ChunkBytes = 1 << 20;

    public static BigTextFile Write(string sourceCsv, string root, long targetBytes, TextWriter log)
    {
        var path = Path.Combine(root, TableFolder, "part-00000.csv.gz");
        var marker = Path.Combine(root, MarkerName);
        var source = new FileInfo(sourceCsv);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"source={source.FullName} bytes={source.Length} modified={source.LastWriteTimeUtc:O} target={targetBytes}");
        if (File.Exists(marker) && File.ReadAllLines(marker) is [var previous, var rowsLine] && previous == stamp && File.Exists(path))
        {
            log.WriteLine($"big-text: {path} already written");
            return new BigTextFile(root, path, long.Parse(rowsLine, CultureInfo.InvariantCulture), new FileInfo(path).Length);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        var (header, rows) = Template(sourceCsv);
        var written = 0L;
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkBytes))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(header);
            var chunk = new byte[ChunkBytes + rows.Max(r => r.Length) + 20];
            var used = 0;
            while (file.Position < targetBytes)
            {
                foreach (var rest in rows)
                {
                    // The id, then the row from its first comma on, newline included.
                    Utf8Formatter.TryFormat(written++, chunk.AsSpan(used), out var digits);
                    used += digits;
                    rest.CopyTo(chunk.AsSpan(used));
                    used += rest.Length;
                    if (used >= ChunkBytes)
                    {
                        gzip.Write(chunk, 0, used);
                        used = 0;
                        if (file.Position >= targetBytes)
                        {
                            break;
                        }
                    }
                }
            }

            gzip.Write(chunk, 0, used);
        }

        File.WriteAllLines(marker, [stamp, written.ToString(CultureInfo.InvariantCulture)]);
        var bytes = new FileInfo(path).Length;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"big-text: {written:N0} rows, {bytes / 1e6:F1} MB gzip in {clock.Elapsed.TotalSeconds:F1} s → {path}"));
        return new BigTextFile(root, path, written, bytes);
    }

    /// <summary>The header line and up to <see cref="TemplateRows"/> data lines, each without its id.</summary>
    /// <remarks>Line by line is safe here: DuckDB quotes the reference set's list column, but no value holds a newline.</remarks>
    private static (byte[] Header, List<byte[]> Rows) Template(string sourceCsv)
    {
        using var reader = new StreamReader(sourceCsv);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{sourceCsv} is empty");
        if (!header.StartsWith("id,", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{sourceCsv}: the first column is not id: {header}");
        }

        var rows = new List<byte[]>();
        while (rows.Count < TemplateRows && reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            rows.Add(System.Text.Encoding.UTF8.GetBytes(string.Concat(line.AsSpan(comma), "\n")));
        }

        return rows.Count == 0
            ? throw new InvalidDataException($"{sourceCsv} has no data rows")
            : (System.Text.Encoding.UTF8.GetBytes(header + "\n"), rows);
    }
}

/// <summary>A written big text file: the folder to sync, the file, its rows and its compressed bytes.</summary>
internal sealed record BigTextFile(string Root, string Path, long Rows, long Bytes);
