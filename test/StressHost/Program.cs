using System.Globalization;
using CqSourceS3.StressHost;

// Usage: CqSourceS3.StressHost <folder> <concurrency> <passes>
// Reads every object of <folder> <passes> times through the plugin's Parquet readers while a second thread forces
// garbage collections back to back. Prints one summary line; exits 1 when an object could not be read. A lifetime
// bug between managed and native code ends this process with a crash instead, which is what the test looks for.
if (args.Length != 3
    || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency) || concurrency < 1
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var passes) || passes < 1)
{
    await Console.Error.WriteLineAsync("usage: CqSourceS3.StressHost <folder> <concurrency> <passes>");
    return 2;
}

var result = await ReadUnderCollections.RunAsync(args[0], concurrency, passes, CancellationToken.None);
Console.WriteLine(result.Summary);
foreach (var failure in result.Failures)
{
    await Console.Error.WriteLineAsync(failure);
}

return result.Failures.Count == 0 ? 0 : 1;
