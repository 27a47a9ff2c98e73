namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// One text format of issue #20's speed scenarios: its name in <c>bench/duckdb/text.mjs</c>, the files' extension,
/// the plugin's <c>filetype</c> for them, the reader <c>text.mjs scan</c> is told to use (<c>csv</c> for
/// <c>read_csv</c>, <c>jsonl</c> for <c>read_json</c>), and the format as the results name it.
/// </summary>
internal sealed record TextFormat(string Name, string Extension, string FileType, string DuckDbReader, string Title)
{
    public static readonly TextFormat Csv = new("csv", ".csv", "csv", "csv", "CSV");

    /// <summary>CSV through gzip: the plugin decompresses while streaming, DuckDB's read_csv by extension.</summary>
    public static readonly TextFormat CsvGzip = new("csv.gz", ".csv.gz", "csv", "csv", "CSV.gz");

    public static readonly TextFormat JsonLines = new("jsonl", ".jsonl", "jsonl", "jsonl", "JSON Lines");

    public static IReadOnlyList<TextFormat> All { get; } = [Csv, CsvGzip, JsonLines];

    /// <summary>The format in scenario and folder names: <c>csv</c>, <c>csv-gz</c>, <c>jsonl</c>.</summary>
    public string Label => Name.Replace('.', '-');

    /// <summary>The DuckDB table function that scans the format.</summary>
    public string DuckDbFunction => DuckDbReader == "jsonl" ? "read_json" : "read_csv";
}
