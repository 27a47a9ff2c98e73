using System.Diagnostics;
using System.Text.Json;
using Apache.Arrow.Types;
using CqSourceS3.Plugin.Cli;
using CqSourceS3.Tests.Shared;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// <c>discover</c> over a local folder with two good tables, one whose files disagree on a column type, a garbage
/// <c>.parquet</c> and a text file, in every format; and over the bundled quick-start data. The folder is built once
/// for the class; each test has its own config and footer cache folder, so no test reads footers another cached.
/// </summary>
public sealed class DiscoverCommandTests : IClassFixture<DiscoverCommandTests.Bucket>, IDisposable
{
    // schema_policy union_by_name (the default): int64 and float64 have no lossless common type. Both files have one
    // LastModified, so the greater key counts as the newer.
    private const string Mismatch = "table \"metrics\": column \"value\" is float64 in \"metrics/b.parquet\" but int64 in \"metrics/a.parquet\", and no type holds both without loss";

    private readonly Bucket _bucket;
    private readonly TestCacheFolder _cache = new();
    private readonly string _config;

    public DiscoverCommandTests(Bucket bucket)
    {
        _bucket = bucket;
        _config = WriteConfig(pathPrefix: null);
    }

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Discover_TableFormat_ReportsTablesProblemsAndExitsOne()
    {
        var (exitCode, output, errors) = await DiscoverAsync(_config);

        Assert.Equal(1, exitCode);
        Assert.Equal("", errors);
        Assert.Matches($@"customers\s+1\s+10\s+{_bucket.SizeOf("customers.parquet")}\s+2\s+ok", output);
        Assert.Matches($@"metrics\s+2\s+12\s+{_bucket.SizeOf("metrics/a.parquet") + _bucket.SizeOf("metrics/b.parquet")}\s+1\s+ERROR", output);
        Assert.Matches($@"orders\s+2\s+300\s+{_bucket.SizeOf("orders/part-0.parquet") + _bucket.SizeOf("orders/part-1.parquet")}\s+\d+\s+partial", output);
        Assert.Matches(@"\n\s+customer_id\s+int64\s+not null\n\s+name\s+utf8\s+nullable\n", output);
        Assert.Matches(@"\n\s+price\s+decimal\(18, 4\)\s+nullable\n", output);
        Assert.Matches(@"\n\s+orders/part-1\.parquet\s+\d+ bytes\s+200 rows\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\n", output);
        Assert.Contains("error: " + Mismatch, output, StringComparison.Ordinal);
        Assert.Matches(@"skipped: orders/zz-broken\.parquet \(orders\): .+", output);
        Assert.Contains("ignored: 1 object: 1 not ending in .parquet", output, StringComparison.Ordinal);
        Assert.Contains("total: 3 tables, 322 rows", output, StringComparison.Ordinal);
        Assert.Contains("1 with errors, 1 object skipped", output, StringComparison.Ordinal);
        Assert.DoesNotContain("_cq_id  ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_JsonFormat_ParsesWithTheDocumentedShape()
    {
        var (exitCode, output, _) = await DiscoverAsync(_config, "--format", "json");

        Assert.Equal(1, exitCode);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(["tables", "skipped", "ignored", "ignored_by_reason"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["customers", "metrics", "orders"], root.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var customers = root.GetProperty("tables")[0];
        Assert.Equal(["name", "objects", "bytes", "rows", "rows_exact", "format", "columns", "partition_columns", "error"], customers.EnumerateObject().Select(p => p.Name));
        Assert.Equal("parquet", customers.GetProperty("format").GetString());
        Assert.True(customers.GetProperty("rows_exact").GetBoolean());
        Assert.Equal(_bucket.SizeOf("customers.parquet"), customers.GetProperty("bytes").GetInt64());
        Assert.Equal(10, customers.GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, customers.GetProperty("error").ValueKind);
        Assert.Equal(0, customers.GetProperty("partition_columns").GetArrayLength());
        var customerObject = Assert.Single(customers.GetProperty("objects").EnumerateArray());
        Assert.Equal(["key", "size", "last_modified", "rows", "rows_exact"], customerObject.EnumerateObject().Select(p => p.Name));
        Assert.Equal("customers.parquet", customerObject.GetProperty("key").GetString());
        Assert.Equal(_bucket.SizeOf("customers.parquet"), customerObject.GetProperty("size").GetInt64());
        Assert.Equal(File.GetLastWriteTimeUtc(_bucket.PathOf("customers.parquet")), customerObject.GetProperty("last_modified").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(10, customerObject.GetProperty("rows").GetInt64());
        Assert.Equal(
            ["customer_id int64 False", "name utf8 True"],
            customers.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("type").GetString()} {c.GetProperty("nullable").GetBoolean()}"));
        Assert.Equal(Mismatch, root.GetProperty("tables")[1].GetProperty("error").GetString());
        Assert.Equal(300, root.GetProperty("tables")[2].GetProperty("rows").GetInt64());
        var skipped = Assert.Single(root.GetProperty("skipped").EnumerateArray());
        Assert.Equal("orders/zz-broken.parquet", skipped.GetProperty("key").GetString());
        Assert.Equal("orders", skipped.GetProperty("table").GetString());
        Assert.Contains("not a Parquet file", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(skipped.GetProperty("transient").GetBoolean());
        Assert.Equal(1, root.GetProperty("ignored").GetInt32());
    }

    [Fact]
    public async Task Discover_MarkdownFormat_HasASectionPerTableAndCallsOutProblems()
    {
        var (exitCode, output, _) = await DiscoverAsync(_config, "--format", "markdown");

        Assert.Equal(1, exitCode);
        Assert.Contains($"| `customers` | 1 | 10 | {_bucket.SizeOf("customers.parquet")} | ok |", output, StringComparison.Ordinal);
        Assert.Contains("| `metrics` | 2 | 12 |", output, StringComparison.Ordinal);
        Assert.Matches(@"\| `orders` \| 2 \| 300 \| \d+ \| partial \|", output);
        Assert.Contains("## customers\n", output, StringComparison.Ordinal);
        Assert.Contains("## metrics\n\n> **Error:** " + Mismatch, output, StringComparison.Ordinal);
        Assert.Contains("## orders\n", output, StringComparison.Ordinal);
        Assert.Contains("| `customer_id` | `int64` | no |", output, StringComparison.Ordinal);
        Assert.Contains("| `price` | `decimal(18, 4)` | yes |", output, StringComparison.Ordinal);
        Assert.Matches(@"\| `orders/part-0\.parquet` \| \d+ \| 100 \|", output);
        Assert.Matches(@"## Skipped objects\n\n- `orders/zz-broken\.parquet` \(table `orders`\): .+", output);
        Assert.Contains("1 object ignored: 1 not ending in .parquet.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_OutputOption_WritesTheFileInsteadOfStdout()
    {
        var report = Path.Combine(_bucket.Root, "..", $"report-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output, _) = await DiscoverAsync(_config, "--format", "json", "--output", report);

            Assert.Equal(1, exitCode);
            Assert.Equal("", output);
            using var document = JsonDocument.Parse(File.ReadAllText(report));
            Assert.Equal(3, document.RootElement.GetProperty("tables").GetArrayLength());
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task Discover_GoodTablesOnly_ExitsZero()
    {
        var config = WriteConfig(pathPrefix: "customers");

        var (exitCode, output, _) = await DiscoverAsync(config);

        Assert.Equal(0, exitCode);
        Assert.Contains("total: 1 table, 10 rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_MissingConfig_ExitsTwoNamingTheFile()
    {
        var (exitCode, output, errors) = await DiscoverAsync(Path.Combine(_bucket.Root, "does-not-exist.yml"));

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("does-not-exist.yml", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_BundledQuickstart_ExitsZeroWithFourTablesAnd4300Rows()
    {
        var (exitCode, output, errors) = await PluginCommand.RunAsync("discover", "examples/quickstart.yml");

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Matches(@"sales_orders\s+2\s+2000\s+\d+\s+5\s+ok", output);
        Assert.Contains("total: 4 tables, 4300 rows", output, StringComparison.Ordinal);
        Assert.Contains("0 with errors, 0 objects skipped", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Errors)> DiscoverAsync(params string[] arguments) =>
        CliRun.InvokeAsync(["discover", .. arguments]);

    /// <summary>A config of this test over the class's folder, with its footer cache in this test's folder (the config lies there too).</summary>
    private string WriteConfig(string? pathPrefix)
    {
        var config = Path.Combine(_cache.Path, $"config-{pathPrefix ?? "all"}.yml");
        File.WriteAllText(config,
            $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {_bucket.Root}\n" +
            (pathPrefix is null ? "" : $"    path_prefix: {pathPrefix}\n") +
            $"    footer_cache_dir: {_cache.Path}\n");
        return config;
    }

    /// <summary>The folder every test of the class reads; built once, deleted at the end.</summary>
    public sealed class Bucket : IDisposable
    {
        public Bucket()
        {
            var folder = Directory.CreateTempSubdirectory("cq-s3-discover-").FullName;
            Root = Path.Combine(folder, "data");
            Write("customers.parquet", Bytes(10, Required("customer_id", Int64Type.Default), Nullable("name", StringType.Default)));
            Write("metrics/a.parquet", Bytes(5, Nullable("value", Int64Type.Default)));
            Write("metrics/b.parquet", Bytes(7, Nullable("value", DoubleType.Default)));
            using (var first = SampleBatches.AllTypes(0, 100))
            {
                new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(first).WriteTo(PathOf("orders/part-0.parquet"));
            }

            using (var second = SampleBatches.AllTypes(100, 200))
            {
                new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(second).WriteTo(PathOf("orders/part-1.parquet"));
            }

            Write("orders/zz-broken.parquet", "this is not a parquet file, just text long enough to have a footer"u8.ToArray());
            Write("orders/README.txt", "not a table"u8.ToArray());
        }

        /// <summary>The folder the configs' <c>local_path</c> points at.</summary>
        public string Root { get; }

        public string PathOf(string key) => Path.Combine(Root, key);

        public long SizeOf(string key) => new FileInfo(PathOf(key)).Length;

        public void Dispose() => Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);

        private void Write(string key, byte[] bytes)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf(key))!);
            File.WriteAllBytes(PathOf(key), bytes);
        }
    }
}
