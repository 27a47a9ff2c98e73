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
// Soak (issue #14): consecutive syncs from a local folder, and over S3 while objects change.
var soakLocalRuns = Argument("soak-local-runs", "200");
var soakS3Runs = Argument("soak-s3-runs", "50");
// Mirror state (issue #19): the table sizes whose state is measured.
var benchMirrorKeys = Argument("bench-mirror-keys", "100000,1000000");
// `--runtimes=all` (or a comma list) publishes several runtimes; the Release target always publishes all of them.
var runtimesArgument = Argument("runtimes", "");
// Cake keeps `--version` for itself, so the plugin's version is `--release-version=1.2.3` (else the vX.Y.Z tag on HEAD,
// else Directory.Build.props); it is stamped into `cq-source-s3 --version`, GetVersion and the package.
var releaseVersionArgument = Argument("release-version", "");
var releaseMessage = Argument("message", "");

// ---------- Paths
var solution = File("./CqSourceS3.sln");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var packageInput = artifacts + Directory("package-input");
var dist = artifacts + Directory("dist");

// .NET runtime identifier -> the Go `<os>-<arch>` the CloudQuery CLI downloads. src/Plugin/Packaging/PluginTarget.cs
// holds the same table (a script cannot load the plugin's types before building it); PluginTargetTests checks that
// the two agree, and the package command rejects binaries named otherwise.
var releaseTargets = new Dictionary<string, string>
{
    ["linux-x64"] = "linux-amd64",
    ["linux-arm64"] = "linux-arm64",
    ["osx-x64"] = "darwin-amd64",
    ["osx-arm64"] = "darwin-arm64",
    ["win-x64"] = "windows-amd64",
};
var runtimes = target == "Release" || runtimesArgument == "all" ? releaseTargets.Keys.ToList()
    : runtimesArgument != "" ? runtimesArgument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
    : new List<string> { runtime };
var unknownRuntimes = runtimes.Where(r => !releaseTargets.ContainsKey(r)).ToList();
if (unknownRuntimes.Count > 0)
{
    throw new ArgumentException($"unknown runtime(s) {string.Join(", ", unknownRuntimes)}; known: {string.Join(", ", releaseTargets.Keys)}");
}

var version = ResolveVersion();
var pluginVersion = "v" + version;

// One runtime publishes to artifacts/bin/ (the path the README and examples use); several to artifacts/bin/<rid>/.
DirectoryPath PublishDirectory(string rid) => runtimes.Count == 1 ? artifacts + Directory("bin") : artifacts + Directory("bin") + Directory(rid);

FilePath PublishedExecutable(string rid) => PublishDirectory(rid).CombineWithFilePath("cq-source-s3" + (rid.StartsWith("win") ? ".exe" : ""));

string ResolveVersion()
{
    var fromTag = "";
    if (releaseVersionArgument == "")
    {
        try
        {
            StartProcess("git", new ProcessSettings { Arguments = "tag --points-at HEAD --list v* --sort=-v:refname", RedirectStandardOutput = true, RedirectStandardError = true },
                out IEnumerable<string> tags);
            fromTag = tags.Select(t => t.Trim()).FirstOrDefault(t => t.Length > 1) ?? "";
        }
        catch (Exception e)
        {
            Warning("git is not available to read the version tag ({0}); using Directory.Build.props", e.Message);
        }
    }

    var resolved = (releaseVersionArgument != "" ? releaseVersionArgument
        : fromTag != "" ? fromTag
        : XmlPeek(File("./Directory.Build.props"), "/Project/PropertyGroup/Version")).TrimStart('v');
    if (!System.Text.RegularExpressions.Regex.IsMatch(resolved, @"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"))
    {
        throw new ArgumentException($"version '{resolved}' is not X.Y.Z[-suffix] (from {(releaseVersionArgument != "" ? "--release-version" : fromTag != "" ? "the git tag" : "Directory.Build.props")})");
    }

    return resolved;
}

void PublishRuntime(string rid)
{
    DotNetPublish("./src/Plugin/Plugin.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = rid,
        SelfContained = true,
        PublishSingleFile = true,
        OutputDirectory = PublishDirectory(rid),
        MSBuildSettings = new DotNetMSBuildSettings()
            .WithProperty("IncludeNativeLibrariesForSelfExtract", "true")
            .WithProperty("DebugType", "none")
            // The Web SDK would put an IIS web.config beside the Windows executable; a plugin is never hosted in IIS.
            .WithProperty("IsTransformWebConfigDisabled", "true")
            .WithProperty("Version", version),
    });
}

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

// The end-to-end tests launch the executable a release ships for this machine (Native AOT on Linux), published
// first, not the framework-dependent build: what users run is what is tested (test/e2e/Harness/PluginBinary.cs).
Task("Test")
    .IsDependentOn("Build")
    .IsDependentOn("TestDeps")
    .Does(() =>
{
    var hostRuntime = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
    var environment = new Dictionary<string, string>();
    if (releaseTargets.ContainsKey(hostRuntime))
    {
        PublishRuntime(hostRuntime);
        environment["CQ_S3_PLUGIN_BINARY"] = MakeAbsolute(PublishedExecutable(hostRuntime)).FullPath;
    }
    else
    {
        Warning("no release target for {0}: the end-to-end tests run the framework-dependent build", hostRuntime);
    }

    DotNetTest(solution.Path.FullPath, new DotNetTestSettings
    {
        EnvironmentVariables = environment,
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        Filter = string.IsNullOrEmpty(testFilter) ? null : testFilter,
        ResultsDirectory = testResults,
        Loggers = { "trx", "console;verbosity=normal" },
    });
});

// One self-contained executable per runtime (ParquetSharp's native library inside) that `registry: local` can point
// at. Linux for this machine's CPU is compiled ahead of time (Native AOT, src/Plugin/Plugin.csproj); every other
// target is a ReadyToRun single-file bundle, not trimmed and not compressed (a compressed bundle would decompress on
// every start, eating into the 5 s the CLI waits for the plugin's socket).
Task("Publish")
    .Does(() =>
{
    Information("Publishing {0} for {1}", pluginVersion, string.Join(", ", runtimes));
    runtimes.ForEach(PublishRuntime);
});

// The CloudQuery Hub package under artifacts/dist, written by the plugin's own `package` command (the one code path;
// `dotnet run` of the plugin so any host can package all targets).
Task("Package")
    .IsDependentOn("Publish")
    .Does(() =>
{
    CleanDirectory(packageInput);
    CleanDirectory(dist);
    foreach (var rid in runtimes)
    {
        var executable = PublishedExecutable(rid);
        CopyFile(executable, packageInput + File($"plugin-s3-{pluginVersion}-{releaseTargets[rid]}{executable.GetExtension()}"));
    }

    DotNetRun("./src/Plugin/Plugin.csproj", new ProcessArgumentBuilder()
        .Append("package")
        .Append("-m").AppendQuoted(releaseMessage != "" ? releaseMessage : $"cq-source-s3 {pluginVersion}")
        .Append(pluginVersion)
        .AppendQuoted(MakeAbsolute(packageInput).FullPath)
        .Append("--dist-dir").AppendQuoted(MakeAbsolute(dist).FullPath)
        .Append("--docs-dir").AppendQuoted(MakeAbsolute(Directory("./docs")).FullPath),
        new DotNetRunSettings { Configuration = configuration });
    DeleteDirectory(packageInput, new DeleteDirectorySettings { Recursive = true });
});

// The image for `registry: docker`, from the published linux binary; only where a Docker engine's CLI exists.
Task("Docker")
    .Does(() =>
{
    var docker = Context.Tools.Resolve("docker");
    if (docker is null)
    {
        Information("Docker: skipped, there is no `docker` command on PATH (no Docker engine on this machine)");
        return;
    }

    // A docker CLI without a reachable engine (no daemon, no socket) cannot build either: check before publishing.
    var engine = StartProcess(docker, new ProcessSettings { Arguments = "info --format {{.ServerVersion}}", RedirectStandardOutput = true, RedirectStandardError = true });
    if (engine != 0)
    {
        Information("Docker: skipped, `docker info` cannot reach a Docker engine (exit code {0})", engine);
        return;
    }

    var rid = runtimes.FirstOrDefault(r => r.StartsWith("linux")) ?? throw new ArgumentException("Docker needs a linux runtime (--runtime=linux-x64 or linux-arm64)");
    PublishRuntime(rid);
    var binary = MakeAbsolute(Directory(".")).GetRelativePath(MakeAbsolute(PublishedExecutable(rid))).FullPath;
    var exit = StartProcess(docker, new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder()
            .Append("build")
            .Append("--platform").Append("linux/" + releaseTargets[rid].Split('-')[1])
            .Append("--build-arg").Append($"BINARY={binary}")
            .Append("--tag").Append($"cq-source-s3:{pluginVersion}")
            .Append("."),
    });
    if (exit != 0)
    {
        throw new Exception($"docker build failed with exit code {exit}");
    }
});

// The benchmark (issue #6): the Release plugin driven over a unix socket next to DuckDB, GET-all and listing baselines.
// Needs Swift for the S3 runs (test/tools/install-test-deps.sh as root); appends its table to bench/RESULTS.md.
Task("Bench")
    .Does(() =>
{
    // The bench measures what users run: the release build of this machine's runtime (single file, ReadyToRun).
    PublishRuntime(runtime);
    var arguments = new ProcessArgumentBuilder()
        .Append("run")
        .Append("--plugin").Append(MakeAbsolute(PublishedExecutable(runtime)).FullPath)
        .Append("--scale").Append(benchScale)
        .Append("--runs").Append(benchRuns);
    if (!string.IsNullOrEmpty(benchSkip))
    {
        arguments.Append("--skip").Append(benchSkip);
    }

    DotNetRun("./bench/Bench/Bench.csproj", arguments, new DotNetRunSettings { Configuration = "Release" });
});

// The soak of issue #14 ("crash-free and loss-free"): the release build syncs the 10,000 small objects again and again,
// each sync in a fresh process, from a local folder and then over S3 (Swift) while objects are overwritten and deleted.
// Fails if any sync crashed or failed; appends a "Soak" section to bench/RESULTS.md. Hours at the default counts.
Task("Soak")
    .Does(() =>
{
    PublishRuntime(runtime);
    DotNetRun("./bench/Bench/Bench.csproj", new ProcessArgumentBuilder()
        .Append("soak")
        .Append("--plugin").Append(MakeAbsolute(PublishedExecutable(runtime)).FullPath)
        .Append("--local-runs").Append(soakLocalRuns)
        .Append("--s3-runs").Append(soakS3Runs),
        new DotNetRunSettings { Configuration = "Release" });
});

// Issue #19's mirror state: size, encode time and the write and read time through the state client against the tests'
// JS state backend (npm ci of test/tools/cq-state-backend), for 100,000 and 1,000,000 keys; appends to bench/RESULTS.md.
Task("BenchMirrorState")
    .Does(() =>
{
    DotNetRun("./bench/Bench/Bench.csproj", new ProcessArgumentBuilder()
        .Append("mirror-state")
        .Append("--keys").Append(benchMirrorKeys),
        new DotNetRunSettings { Configuration = "Release" });
});

// ---------- Targets
Task("Default")
    .IsDependentOn("Format")
    .IsDependentOn("Build")
    .IsDependentOn("Test");

// Everything a release needs, from a clean tree, into artifacts/ only: bin/<rid>/ and dist/ (the Hub package).
Task("Release")
    .IsDependentOn("Clean")
    .IsDependentOn("Format")
    .IsDependentOn("Build")
    .IsDependentOn("Test")
    .IsDependentOn("Publish")
    .IsDependentOn("Package");

// ---------- RunTarget
RunTarget(target);
