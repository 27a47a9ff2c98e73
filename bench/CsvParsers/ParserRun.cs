using System.Diagnostics;
using CqSourceS3.CsvParsersBench.Sinks;

namespace CqSourceS3.CsvParsersBench;

/// <summary>What a timed run does: parse only, or parse and build Arrow batches.</summary>
internal enum RunMode
{
    Parse,
    Build,
}

/// <summary>One timed run's process CPU seconds (every thread: parser, GC, runtime) and wall seconds.</summary>
internal readonly record struct Sample(double CpuSeconds, double WallSeconds);

/// <summary>One parser over every file of the input in one mode, timed, with the totals that check it.</summary>
internal static class ParserRun
{
    public static (Sample Sample, ColumnTotals Totals) Timed(ICsvParser parser, RunMode mode, IReadOnlyList<string> files, TableSchema schema)
    {
        // The garbage the previous run left is collected before the clock starts, not on this run's time.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var totals = Run(parser, mode, files, schema);
        var wall = clock.Elapsed.TotalSeconds;
        return (new Sample((Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds, wall), totals);
    }

    public static ColumnTotals Run(ICsvParser parser, RunMode mode, IReadOnlyList<string> files, TableSchema schema)
    {
        var totals = new ColumnTotals(schema, built: mode == RunMode.Build);
        foreach (var file in files)
        {
            using var bytes = CsvInput.Open(file);
            if (mode == RunMode.Parse)
            {
                var sink = new FieldTouch(totals);
                parser.Parse(bytes, schema.Count, ref sink);
            }
            else
            {
                var sink = new BatchBuild(schema, totals, file);
                parser.Parse(bytes, schema.Count, ref sink);
                sink.Flush();
            }
        }

        return totals;
    }
}
