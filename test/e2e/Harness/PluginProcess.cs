using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// The built plugin running as a child process, launched the way the CloudQuery CLI launches a local plugin
/// (plugin-pb-go's managed plugin): <c>serve --log-level info --log-format json --network unix --address
/// $TMPDIR/cq-&lt;16 random letters&gt;.sock --no-sentry</c>, ready when the socket accepts a connection, stopped with
/// SIGINT. Every stdout and stderr line is kept for assertions and written to the test output when the process is
/// disposed. Its <c>XDG_CACHE_HOME</c> is a fresh folder of its own (<see cref="CacheHome"/>), so its default footer
/// cache is neither the user's nor another test's. How fast it gets ready (<see cref="ReadyAfter"/>) is asserted
/// against the CLI's limit by one test only; every other start is only guarded against a hang, so a busy machine slows
/// the suite down but does not fail it.
/// </summary>
public sealed class PluginProcess : IAsyncDisposable
{
    /// <summary>How long the CloudQuery CLI waits for a plugin's socket before it fails the command.</summary>
    public static readonly TimeSpan CliReadyLimit = TimeSpan.FromSeconds(5);

    /// <summary>A hang guard for starting the plugin, far above <see cref="CliReadyLimit"/>.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>A hang guard for the exit after a signal (the CLI itself kills a plugin 5 s after SIGINT).</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(20);

    private readonly Process _process;
    private readonly ITestOutputHelper _output;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Task _pumps;
    private readonly IPEndPoint? _tcpEndPoint;
    private readonly TestCacheFolder _cacheHome;
    private bool _outputWritten;

    private PluginProcess(Process process, IReadOnlyList<string> arguments, string? socketPath, IPEndPoint? tcpEndPoint, TestCacheFolder cacheHome, ITestOutputHelper output)
    {
        _process = process;
        _cacheHome = cacheHome;
        Arguments = arguments;
        SocketPath = socketPath;
        _tcpEndPoint = tcpEndPoint;
        EndPoint = socketPath is not null ? new UnixDomainSocketEndPoint(socketPath) : tcpEndPoint!;
        _output = output;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
    }

    /// <summary>The argv the plugin was started with (after the executable).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The unix socket path, or null in TCP mode.</summary>
    public string? SocketPath { get; }

    /// <summary>
    /// The plugin's <c>XDG_CACHE_HOME</c> (unless <see cref="PluginLaunchOptions.Environment"/> set another): its
    /// default footer cache folder is <c>cq-source-s3</c> in it. Deleted with the process.
    /// </summary>
    public string CacheHome => _cacheHome.Path;

    /// <summary>Where the plugin listens.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>The gRPC target for a client: <c>unix:///abs/path.sock</c> or <c>127.0.0.1:port</c>.</summary>
    public string Target => SocketPath is not null ? "unix://" + SocketPath : _tcpEndPoint!.ToString();

    /// <summary>From process start until the address accepted a connection.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>Stdout lines so far.</summary>
    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    /// <summary>Stderr lines so far.</summary>
    public IReadOnlyList<string> StderrLines => [.. _stderr];

    /// <summary>Starts the plugin and waits until it accepts connections, failing the test if it exits first or hangs.</summary>
    public static async Task<PluginProcess> StartAsync(PluginLaunchOptions options, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? socketPath = null;
        IPEndPoint? endPoint = null;
        List<string> arguments = ["serve", "--log-level", "info", "--log-format", "json"];
        if (options.Network == PluginNetwork.Unix)
        {
            // The CLI's own naming: os.TempDir() + "cq-" + 16 random letters + ".sock".
            socketPath = Path.Combine(Path.GetTempPath(), "cq-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 16) + ".sock");
            arguments.AddRange(["--network", "unix", "--address", socketPath]);
        }
        else
        {
            endPoint = new IPEndPoint(IPAddress.Loopback, LoopbackPort.Free());
            arguments.AddRange(["--network", "tcp", "--address", endPoint.ToString()]);
        }

        arguments.Add("--no-sentry");
        arguments.AddRange(options.ExtraArguments);

        var start = new ProcessStartInfo(options.Executable ?? PluginBinary.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        arguments.ForEach(start.ArgumentList.Add);
        var cacheHome = new TestCacheFolder();
        var startedAt = Stopwatch.GetTimestamp();
        Process process;
        try
        {
            process = ServingProcess.Start(start, cacheHome.ChildEnvironment(options.Environment));
        }
        catch
        {
            cacheHome.Dispose();
            throw;
        }

        var plugin = new PluginProcess(process, arguments, socketPath, endPoint, cacheHome, output);
        try
        {
            plugin.ReadyAfter = await ServingProcess.WaitUntilAcceptingAsync(process, plugin.EndPoint, startedAt, StartLimit, ReadyPoll, cancellationToken);
        }
        catch (InvalidOperationException e) when (process.HasExited)
        {
            await plugin.DisposeAsync();
            Assert.Fail($"{e.Message}; stderr:\n{string.Join('\n', plugin.StderrLines)}\nstdout:\n{string.Join('\n', plugin.StdoutLines)}");
        }
        catch
        {
            await plugin.DisposeAsync();
            throw;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plugin ready after {plugin.ReadyAfter.TotalMilliseconds:0} ms: {plugin.Target}"));
        return plugin;
    }

    /// <summary>
    /// Stops the plugin with <paramref name="signal"/> and asserts what the CLI relies on: it exits with code 0 and
    /// removes its socket file.
    /// </summary>
    public async Task<PluginExit> StopAsync(PluginSignal signal, CancellationToken cancellationToken)
    {
        PosixSignals.Send(_process.Id, (int)signal);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(StopLimit);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"the plugin did not exit within {StopLimit.TotalSeconds:0} s of {signal}");
            }
        }

        await _pumps.WaitAsync(StopLimit, cancellationToken);
        var exit = new PluginExit(_process.ExitCode, StdoutLines, StderrLines);
        Assert.True(exit.ExitCode == 0, $"exit code {exit.ExitCode} after {signal}; stderr:\n{string.Join('\n', exit.Stderr)}");
        if (SocketPath is not null)
        {
            Assert.False(File.Exists(SocketPath), $"the socket {SocketPath} is still there after {signal}");
        }

        return exit;
    }

    /// <summary>Kills the plugin if a test left it running, removes its socket and cache folder, and writes its output to the test log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await _pumps.WaitAsync(StopLimit);
        if (SocketPath is not null)
        {
            File.Delete(SocketPath);
        }

        _cacheHome.Dispose();
        WriteOutputOnce();
        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, ConcurrentQueue<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
        }
    }

    private void WriteOutputOnce()
    {
        if (_outputWritten)
        {
            return;
        }

        _outputWritten = true;
        _output.WriteLine($"argv: {_process.StartInfo.FileName} {string.Join(' ', Arguments)}");
        foreach (var line in _stdout)
        {
            _output.WriteLine("stdout: " + line);
        }

        foreach (var line in _stderr)
        {
            _output.WriteLine("stderr: " + line);
        }
    }
}
