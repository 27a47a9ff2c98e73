using CqSourceS3.Bench;
using CqSourceS3.Bench.Baselines;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Mirror;
using CqSourceS3.Bench.Runs;
using CqSourceS3.Bench.Soak;

BenchArguments arguments;
try
{
    arguments = BenchArguments.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (arguments.Command == "generate")
{
    DatasetGenerator.Generate(DatasetShape.For(arguments.Set, arguments.Scale), arguments.Seed, arguments.OutputRoot, Console.Out);
    return 0;
}

if (arguments.Command == "list-loop")
{
    Console.WriteLine(await S3Floor.ListLoopCommandAsync(arguments.Endpoint!, arguments.Bucket!, cancellation.Token));
    return 0;
}

if (arguments.Command == "soak")
{
    // Non-zero when any sync crashed or failed, so a script or CI step running the soak fails with it.
    return await new SoakRunner(arguments, Console.Out).RunAsync(cancellation.Token) ? 0 : 1;
}

if (arguments.Command == "mirror-state")
{
    await new MirrorStateRunner(arguments, Console.Out).RunAsync(cancellation.Token);
    return 0;
}

await new BenchRunner(arguments, Console.Out).RunAsync(cancellation.Token);
return 0;
