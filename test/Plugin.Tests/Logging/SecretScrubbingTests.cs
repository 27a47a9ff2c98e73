using System.Text;
using System.Text.Json;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Logging;

/// <summary>
/// Credentials, session tokens, endpoint passwords and signed-URL signatures never reach a log line (at trace level)
/// or an error message, whether they come from the environment or from the spec, and whether the session works or fails.
/// </summary>
[Collection(ProcessEnvironmentCollectionDefinition.Name)]
public sealed class SecretScrubbingTests(S3ServerFixture server, ITestOutputHelper output) : IDisposable
{
    private static readonly string[] AwsVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_EC2_METADATA_DISABLED"];

    private readonly string _wrongSecret = "scrub-secret-" + Guid.NewGuid().ToString("N");
    private readonly string _sessionToken = "scrub-token-" + Guid.NewGuid().ToString("N");
    private readonly string _endpointPassword = "scrub-password-" + Guid.NewGuid().ToString("N");
    private readonly string _signature = "scrubsignature" + Guid.NewGuid().ToString("N");
    private readonly List<string> _answers = [];
    private readonly TestCacheFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Session_CredentialsInEnvironmentAndSpec_NeverAppearInLogsOrErrors()
    {
        var bucket = S3ServerFixture.UniqueBucketName("scrub");
        await server.CreateBucketAsync(bucket);
        using (var batch = SampleBatches.AllTypes(0, 40))
        {
            await server.PutObjectAsync(bucket, "events/1.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes());
        }

        await server.PutObjectAsync(bucket, "events/2.parquet", "not parquet"u8.ToArray());
        var saved = AwsVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            await using var plugin = await RunningPlugin.StartAsync("tcp", logLevel: LogLevel.Trace);

            // 1. Working credentials from the environment: a full sync, with one unreadable object skipped.
            UseCredentials(server.AccessKey, server.SecretKey, sessionToken: null);
            var rows = await SessionAsync(plugin, Spec(bucket, server.Endpoint));
            Assert.Equal(40, rows);

            // 2. A secret and session token the server rejects.
            UseCredentials(server.AccessKey, _wrongSecret, _sessionToken);
            await SessionAsync(plugin, Spec(bucket, server.Endpoint));

            // 3. An endpoint with a password and a signed-URL query, on a closed port.
            UseCredentials(server.AccessKey, server.SecretKey, sessionToken: null);
            var closed = new Uri(server.Endpoint).Port == 1 ? 2 : 1;
            await SessionAsync(plugin, Spec(bucket, $"http://cq-user:{_endpointPassword}@127.0.0.1:{closed}/?X-Amz-Signature={_signature}"));

            // 4. An invalid endpoint that still carries the password.
            await SessionAsync(plugin, Spec(bucket, $"ftp://cq-user:{_endpointPassword}@127.0.0.1/"));

            var logs = plugin.Logs.ToString();
            output.WriteLine(logs);
            Assert.Contains("\"level\":\"debug\"", logs, StringComparison.Ordinal);
            Assert.Contains("events/2.parquet", logs, StringComparison.Ordinal);
            foreach (var secret in new[] { server.SecretKey, _wrongSecret, _sessionToken, _endpointPassword, _signature })
            {
                Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
                Assert.DoesNotContain(_answers, answer => answer.Contains(secret, StringComparison.Ordinal));
            }
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static void UseCredentials(string accessKey, string secretKey, string? sessionToken)
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", accessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secretKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", sessionToken);
    }

    private string Spec(string bucket, string endpoint) =>
        $$"""{"bucket":"{{bucket}}","endpoint":"{{endpoint}}","region":"{{server.Region}}","use_path_style":true,"footer_cache_dir":{{JsonSerializer.Serialize(_cache.Path)}}}""";

    /// <summary>Init, TestConnection, GetTables and Sync as the CLI calls them; every answer and error is kept. Returns rows synced.</summary>
    private async Task<long> SessionAsync(RunningPlugin plugin, string spec)
    {
        var specBytes = ByteString.CopyFrom(spec, Encoding.UTF8);
        var connection = await plugin.Plugin.TestConnectionAsync(new TestConnection.Types.Request { Spec = specBytes });
        _answers.Add(connection.ToString());
        if (!await CallAsync(() => plugin.Plugin.InitAsync(new Init.Types.Request { Spec = specBytes }).ResponseAsync))
        {
            return 0;
        }

        if (!await CallAsync(() => plugin.Plugin.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" } }).ResponseAsync))
        {
            return 0;
        }

        try
        {
            using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });
            return sync.Inserts.Sum(i => (long)i.Length);
        }
        catch (RpcException e)
        {
            _answers.Add(e.ToString());
            return 0;
        }
    }

    private async Task<bool> CallAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (RpcException e)
        {
            _answers.Add(e.ToString());
            return false;
        }
    }
}
