using System.Globalization;
using CqSourceS3.CsvParsersBench;
using CqSourceS3.CsvParsersBench.Parsers;

// Which CSV parser the plugin's engine should use (issue #20), measured: each candidate parses the same files and
// drives the engine's own column builders. Usage: csv-parsers-bench <folder of .csv / .csv.gz> [--runs 5] [--infer-rows 1000]
const string Usage = "usage: csv-parsers-bench <folder of .csv / .csv.gz files> [--runs 5] [--infer-rows 1000]";
if (args.Length == 0 || args.Length % 2 == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var runs = 5;
var inferRows = 1000;
for (var i = 1; i < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--runs":
            runs = Math.Max(1, int.Parse(args[i + 1], CultureInfo.InvariantCulture));
            break;
        case "--infer-rows":
            inferRows = Math.Max(1, int.Parse(args[i + 1], CultureInfo.InvariantCulture));
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
            return 2;
    }
}

var input = CsvInput.Find(args[0]);
var schema = TableSchema.Infer(input.Files[0], inferRows);
Console.WriteLine($"{input.Files.Count} files, {input.Bytes / 1e6:F1} MB; {schema.Describe()}");

// The plugin's parser first: the report sets the others against it.
ICsvParser[] parsers = [new SylvanParser(), new SepParser(), new CsvHelperParser()];
var comparison = new Comparison(parsers, input, schema, Console.Out);
comparison.Run(runs);
Console.WriteLine();
Console.WriteLine(ComparisonReport.Render(comparison, parsers, input, schema, runs));
return 0;
