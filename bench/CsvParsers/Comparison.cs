using System.Globalization;

namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// Runs every parser in both modes over the same files, <c>runs</c> times, interleaved (round 1 of each parser,
/// then round 2…, starting each round with the next parser) so a busy neighbour on the shared machine slows every
/// parser alike. Each run's totals must equal the first run's of the same mode, whichever parser made it, or the
/// comparison stops: a fast parser that reads other data is no result.
/// </summary>
internal sealed class Comparison(IReadOnlyList<ICsvParser> parsers, CsvInput input, TableSchema schema, TextWriter log)
{
    private readonly Dictionary<RunMode, (string Parser, string Totals, long Rows)> _reference = [];

    public Dictionary<(string Parser, RunMode Mode), List<Sample>> Samples { get; } = [];

    /// <summary>The totals every run agreed on, by mode.</summary>
    public IReadOnlyDictionary<RunMode, string> Totals => _reference.ToDictionary(r => r.Key, r => r.Value.Totals);

    /// <summary>The rows every run read.</summary>
    public long Rows => _reference.Values.First().Rows;

    public void Run(int runs)
    {
        // One untimed pass over the first file per parser and mode: the JIT's first compilations stay out of the times.
        foreach (var parser in parsers)
        {
            foreach (var mode in Enum.GetValues<RunMode>())
            {
                if (ParserRun.Run(parser, mode, [input.Files[0]], schema).Rows == 0)
                {
                    throw new InvalidDataException($"{parser.Name} read no rows from {input.Files[0]}");
                }
            }
        }

        for (var run = 0; run < runs; run++)
        {
            for (var p = 0; p < parsers.Count; p++)
            {
                var parser = parsers[(run + p) % parsers.Count];
                foreach (var mode in Enum.GetValues<RunMode>())
                {
                    var (sample, totals) = ParserRun.Timed(parser, mode, input.Files, schema);
                    Check(parser, mode, totals);
                    if (!Samples.TryGetValue((parser.Name, mode), out var list))
                    {
                        Samples[(parser.Name, mode)] = list = [];
                    }

                    list.Add(sample);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"run {run + 1}/{runs} {parser.Name,-16} {mode,-5}: {sample.CpuSeconds,7:F3} CPU s {sample.WallSeconds,7:F3} s, {totals.Rows:N0} rows"));
                }
            }
        }

        var rows = _reference.Values.Select(r => r.Rows).Distinct().ToList();
        if (rows.Count != 1)
        {
            throw new InvalidDataException($"parse-only and build runs counted different rows: {string.Join(" vs ", rows)}");
        }
    }

    private void Check(ICsvParser parser, RunMode mode, ColumnTotals totals)
    {
        var described = totals.Describe();
        if (totals.Rows == 0)
        {
            throw new InvalidDataException($"{mode}: {parser.Name} read no rows");
        }

        if (!_reference.TryGetValue(mode, out var reference))
        {
            _reference[mode] = (parser.Name, described, totals.Rows);
        }
        else if (reference.Totals != described)
        {
            throw new InvalidDataException($"{mode}: {parser.Name} read other data than {reference.Parser}:\n  {parser.Name}: {described}\n  {reference.Parser}: {reference.Totals}");
        }
    }
}
