using System.Reflection;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// Thousands of small objects opened, read (with pre-buffering) and closed while another thread collects garbage
/// back to back, under a small gen-0 budget, in a child process (test/StressHost): before NativeInputFile rooted the
/// decoder's input until the native side closed it, such a run died within seconds with "A callback was made on a
/// garbage collected delegate" or a NullReferenceException on a native thread, in 3 runs of 4.
/// </summary>
public sealed class ParquetReaderStressTests : IDisposable
{
    private const int Objects = 2000;
    private const int RowsPerRowGroup = 20;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cq-parquet-stress-");

    [Fact]
    public async Task ReadUnderCollections_ThousandsOfSmallObjects_EveryRowReadAndNoCrash()
    {
        // Two row groups per object: the decoder pre-buffers each one, so each object starts two rounds of IO tasks.
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema)
            .Add(SampleBatches.AllTypes(0, RowsPerRowGroup)).Add(SampleBatches.AllTypes(RowsPerRowGroup, RowsPerRowGroup)).ToBytes();
        for (var i = 0; i < Objects; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(_folder.FullName, $"part-{i:D5}.parquet"), bytes);
        }

        var run = await RunStressHostAsync(_folder.FullName, concurrency: 4, passes: 1);

        Assert.True(run.ExitCode == 0, $"the stress host exited with {run.ExitCode}:\n{Head(run.Stderr)}\n{run.Stdout}");
        var summary = Assert.Single(run.StdoutLines);
        Assert.StartsWith($"objects={Objects} rows={Objects * 2 * RowsPerRowGroup} collections=", summary, StringComparison.Ordinal);
        Assert.True(long.Parse(summary[(summary.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture) > 0, summary);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<ProcessRun> RunStressHostAsync(string folder, int concurrency, int passes)
    {
        var host = typeof(ParquetReaderStressTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "StressHostPath").Value!;
        Assert.True(File.Exists(host), $"{host} was not built");

        // A 512 KiB gen-0 budget: collections also come from allocation, as they do in a busy sync.
        var environment = new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = "0x80000" };
        return await ProcessRun.StartAsync(
            "dotnet", [host, folder, $"{concurrency}", $"{passes}"], folder, TimeSpan.FromMinutes(5), environment: environment);
    }

    private static string Head(string text) => string.Join('\n', text.Split('\n').Take(5));
}
