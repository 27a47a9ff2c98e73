// cq-source-s3 build script: `dotnet tool restore && dotnet cake [--target=NAME]`.
// Sections: Arguments → Paths → Tasks → Targets → RunTarget. Every output goes under artifacts/.

// ---------- Arguments
var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var testFilter = Argument("filter", "");
var runtime = Argument("runtime", "linux-x64");
// Bench: data set scale (1.0 = the issue's sizes, ~500 MB reference set), repetitions, scenarios to leave out.
var benchScale = Argument("bench-scale", "1.0");
var benchRuns = Argument("bench-runs", "3");
var benchSkip = Argument("bench-skip", "");

// ---------- Paths
var solution = File("./CqSourceS3.sln");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");

// ---------- Tasks
Task("Clean")
    .Does(() =>
{
    CleanDirectory(artifacts);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

Task("Restore")
    .Does(() => DotNetRestore(solution));

Task("Format")
    .IsDependentOn("Restore")
    .Does(() => DotNetFormat(solution, new DotNetFormatSettings { VerifyNoChanges = true, NoRestore = true }));

Task("Build")
    .IsDependentOn("Restore")
    .Does(() => DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

// Node packages the tests drive: the S3 emulator, the CloudQuery state backend and CloudQuery's JS client.
// Debian packages (OpenStack Swift) are installed by .ci/run or by `test/tools/install-test-deps.sh` as root.
Task("TestDeps")
    .Does(() =>
{
    var exit = StartProcess("bash", new ProcessSettings { Arguments = "test/tools/install-test-deps.sh --no-apt" });
    if (exit != 0)
    {
        throw new Exception($"test/tools/install-test-deps.sh failed with exit code {exit}");
    }
});

Task("Test")
    .IsDependentOn("Build")
    .IsDependentOn("TestDeps")
    .Does(() =>
{
    DotNetTest(solution.Path.FullPath, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        Filter = string.IsNullOrEmpty(testFilter) ? null : testFilter,
        ResultsDirectory = testResults,
        Loggers = { "trx", "console;verbosity=normal" },
    });
});

// One self-contained executable (ParquetSharp's native library inside) that `registry: local` can point at.
Task("Publish")
    .Does(() =>
{
    DotNetPublish("./src/Plugin/Plugin.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = runtime,
        SelfContained = true,
        PublishSingleFile = true,
        OutputDirectory = artifacts + Directory("bin"),
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("IncludeNativeLibrariesForSelfExtract", "true").WithProperty("DebugType", "none"),
    });
});

// The benchmark (issue #6): the Release plugin driven over a unix socket next to DuckDB, GET-all and listing baselines.
// Needs Swift for the S3 runs (test/tools/install-test-deps.sh as root); appends its table to bench/RESULTS.md.
Task("Bench")
    .Does(() =>
{
    DotNetBuild("./src/Plugin/Plugin.csproj", new DotNetBuildSettings { Configuration = "Release" });
    var arguments = new ProcessArgumentBuilder()
        .Append("run")
        .Append("--scale").Append(benchScale)
        .Append("--runs").Append(benchRuns);
    if (!string.IsNullOrEmpty(benchSkip))
    {
        arguments.Append("--skip").Append(benchSkip);
    }

    DotNetRun("./bench/Bench/Bench.csproj", arguments, new DotNetRunSettings { Configuration = "Release" });
});

// ---------- Targets
Task("Default")
    .IsDependentOn("Format")
    .IsDependentOn("Build")
    .IsDependentOn("Test");

// ---------- RunTarget
RunTarget(target);
