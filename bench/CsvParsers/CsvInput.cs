using System.IO.Compression;
using System.Text;

namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// The CSV files of the comparison (<c>*.csv</c> and <c>*.csv.gz</c> under a folder, in name order), opened the same
/// way for every parser (gzip undone by extension), and the one text reader the UTF-16 parsers are given.
/// </summary>
internal sealed record CsvInput(IReadOnlyList<string> Files, long Bytes)
{
    private const int BufferBytes = 1 << 16;

    public static CsvInput Find(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count == 0
            ? throw new FileNotFoundException($"no .csv or .csv.gz files under {folder}")
            : new CsvInput(files, files.Sum(f => new FileInfo(f).Length));
    }

    public static Stream Open(string file)
    {
        Stream stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return stream;
    }

    /// <summary>UTF-8 decoded (a BOM skipped) in 64 KiB reads; disposing it disposes <paramref name="bytes"/>.</summary>
    public static TextReader Text(Stream bytes) => new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes);
}
