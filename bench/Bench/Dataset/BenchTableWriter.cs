using System.Globalization;
using ParquetSharp;

namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// Writes one bench Parquet file with the eleven columns (int64, int32, double, bool, a 1,000-value string,
/// a ~500k-distinct string, timestamp[us, UTC], date32, decimal(18,4), a double with 10% nulls, list&lt;int64&gt;),
/// snappy-compressed. Values come from a <see cref="Random"/> seeded per file, so a seed gives the same bytes.
/// </summary>
internal sealed class BenchTableWriter
{
    private const int CategoryCount = 1_000;
    private const int DistinctUsers = 500_000;

    private static readonly DateTime EventEpoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int DateEpochDays = new Date(2020, 1, 1).Days;
    private static readonly string[] Categories =
        [.. Enumerable.Range(0, CategoryCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"category-{i:D4}"))];

    private readonly Random _random;
    private readonly long _firstId;
    private readonly bool _withoutScore;

    /// <param name="seed">The data set's seed.</param>
    /// <param name="fileIndex">The file's number in the set.</param>
    /// <param name="firstId">The id of the file's first row.</param>
    /// <param name="withoutScore">Leave the <c>score</c> column out (a producer that dropped it); the other values stay the same.</param>
    public BenchTableWriter(int seed, int fileIndex, long firstId, bool withoutScore = false)
    {
        // Random(int) uses the legacy, documented-stable algorithm: same seed, same values on every .NET.
        _random = new Random(unchecked((seed * 7919) + fileIndex));
        _firstId = firstId;
        _withoutScore = withoutScore;
    }

    public static Column[] Columns(bool withoutScore = false) => [.. AllColumns().Where(c => !withoutScore || c.Name != "score")];

    private static Column[] AllColumns() =>
    [
        new Column<long>("id"),
        new Column<int>("quantity"),
        new Column<double>("price"),
        new Column<bool>("flag"),
        new Column<string>("category"),
        new Column<string>("user_id"),
        new Column<DateTime>("event_time", LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
        new Column<Date>("event_date"),
        new Column<decimal>("amount", LogicalType.Decimal(18, 4)),
        new Column<double?>("score"),
        new Column<long[]>("tags"),
    ];

    public void Write(string path, long rows, int rowGroups)
    {
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var file = new ParquetFileWriter(path, Columns(_withoutScore), properties);
        var written = 0L;
        for (var group = 0; group < rowGroups; group++)
        {
            var count = (int)((rows * (group + 1) / rowGroups) - written);
            WriteRowGroup(file, _firstId + written, count);
            written += count;
        }

        file.Close();
    }

    private void WriteRowGroup(ParquetFileWriter file, long firstId, int count)
    {
        var ids = new long[count];
        var quantities = new int[count];
        var prices = new double[count];
        var flags = new bool[count];
        var categories = new string[count];
        var users = new string[count];
        var times = new DateTime[count];
        var dates = new Date[count];
        var amounts = new decimal[count];
        var scores = new double?[count];
        var tags = new long[count][];
        for (var i = 0; i < count; i++)
        {
            var id = firstId + i;
            ids[i] = id;
            quantities[i] = _random.Next(1, 1_000);
            prices[i] = Math.Round(_random.NextDouble() * 1_000, 2);
            flags[i] = _random.Next(2) == 0;
            categories[i] = Categories[_random.Next(CategoryCount)];
            users[i] = string.Create(CultureInfo.InvariantCulture, $"user-{_random.Next(DistinctUsers):D6}");
            times[i] = EventEpoch.AddTicks((id * 10_000_000L) + (_random.Next(1_000_000) * 10L));
            dates[i] = new Date(DateEpochDays + (int)(id % 2_000));
            amounts[i] = _random.NextInt64(-1_000_000_000_000, 1_000_000_000_000) / 10_000m;
            scores[i] = _random.Next(10) == 0 ? null : _random.NextDouble();
            tags[i] = [.. Enumerable.Range(0, _random.Next(5)).Select(_ => _random.NextInt64(10_000))];
        }

        using var rowGroup = file.AppendRowGroup();
        WriteColumn(rowGroup, ids);
        WriteColumn(rowGroup, quantities);
        WriteColumn(rowGroup, prices);
        WriteColumn(rowGroup, flags);
        WriteColumn(rowGroup, categories);
        WriteColumn(rowGroup, users);
        WriteColumn(rowGroup, times);
        WriteColumn(rowGroup, dates);
        WriteColumn(rowGroup, amounts);
        if (!_withoutScore)
        {
            WriteColumn(rowGroup, scores);
        }

        WriteColumn(rowGroup, tags);
    }

    private static void WriteColumn<T>(RowGroupWriter rowGroup, T[] values)
    {
        using var writer = rowGroup.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values);
    }
}
