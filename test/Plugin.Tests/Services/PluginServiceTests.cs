using System.Text.Json.Nodes;
using CqSourceS3.Protocol.Discovery.V1;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace CqSourceS3.Plugin.Tests.Services;

public sealed class PluginServiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-plugin-").FullName;

    public static TheoryData<string> Networks => new() { "tcp", "unix" };

    public static TheoryData<string> InvalidCases => SpecCases.Names(valid: false);

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Handshake_OverRealSocket_AnswersLikeTheGoSdk(string network)
    {
        await using var plugin = await RunningPlugin.StartAsync(network);

        var versions = await plugin.Discovery.GetVersionsAsync(new GetVersions.Types.Request());
        var name = await plugin.Plugin.GetNameAsync(new GetName.Types.Request());
        var version = await plugin.Plugin.GetVersionAsync(new GetVersion.Types.Request());
        var schema = await plugin.Plugin.GetSpecSchemaAsync(new GetSpecSchema.Types.Request());
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Json($$"""{"local_path":{{JsonValue.Create(_folder).ToJsonString()}}}"""), InvocationId = "inv-1" });
        var connection = await plugin.Plugin.TestConnectionAsync(new TestConnection.Types.Request { Spec = Json($$"""{"local_path":{{JsonValue.Create(_folder).ToJsonString()}}}""") });

        Assert.Equal([3], versions.Versions);
        Assert.Equal("s3", name.Name);
        Assert.Matches(@"^v\d+\.\d+\.\d+", version.Version);
        Assert.True(schema.HasJsonSchema);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)JsonNode.Parse(schema.JsonSchema)!["$schema"]);
        Assert.True(connection.Success, connection.FailureDescription);
        Assert.Contains("\"message\":\"Plugin initialized", plugin.Logs.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Init_InvalidSpec_FailsInternalNamingEveryField(string name)
    {
        var specCase = SpecCases.Get(name);
        await using var plugin = await RunningPlugin.StartAsync("unix");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8(specCase.SpecJson) }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("failed to init plugin: invalid spec", error.Status.Detail, StringComparison.Ordinal);
        foreach (var field in specCase.ErrorFields.Where(f => f.Length > 0))
        {
            Assert.Contains(field + ":", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task TestConnection_InvalidSpec_ReportsInvalidSpec(string name)
    {
        await using var plugin = await RunningPlugin.StartAsync("tcp");

        var result = await plugin.Plugin.TestConnectionAsync(new TestConnection.Types.Request { Spec = ByteString.CopyFromUtf8(SpecCases.Get(name).SpecJson) });

        Assert.False(result.Success);
        Assert.Equal("INVALID_SPEC", result.FailureCode);
        Assert.StartsWith("invalid spec", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_MissingFolder_ReportsNotFoundNamingTheFolder()
    {
        var missing = Path.Combine(_folder, "nope");
        await using var plugin = await RunningPlugin.StartAsync("unix");

        var result = await plugin.Plugin.TestConnectionAsync(new TestConnection.Types.Request { Spec = Json($$"""{"local_path":{{JsonValue.Create(missing).ToJsonString()}}}""") });

        Assert.False(result.Success);
        Assert.Equal("NOT_FOUND", result.FailureCode);
        Assert.Contains(missing, result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_ClosedEndpoint_ReportsUnreachableWithoutSecrets()
    {
        var port = FreeTcpPort();
        await using var plugin = await RunningPlugin.StartAsync("unix");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLEKEY123456");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "very-secret-value-never-logged");

        var result = await plugin.Plugin.TestConnectionAsync(new TestConnection.Types.Request
        {
            Spec = Json($$"""{"bucket":"cq-missing","region":"us-east-1","endpoint":"http://127.0.0.1:{{port}}","use_path_style":true}"""),
        });

        Assert.False(result.Success);
        Assert.Equal("UNREACHABLE", result.FailureCode);
        Assert.Contains("cq-missing", result.FailureDescription, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", result.FailureDescription, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value-never-logged", result.FailureDescription, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value-never-logged", plugin.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTables_BeforeInit_FailsNotInitialized()
    {
        await using var plugin = await RunningPlugin.StartAsync("tcp");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Plugin.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" } }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("failed to get tables: plugin not initialized: call Init first", error.Status.Detail);
    }

    [Fact]
    public async Task Init_CalledAgain_ReplacesTheClient()
    {
        await using var plugin = await RunningPlugin.StartAsync("tcp");
        var other = Directory.CreateDirectory(Path.Combine(_folder, "other")).FullName;

        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Json($$"""{"local_path":{{JsonValue.Create(_folder).ToJsonString()}}}""") });
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Json($$"""{"local_path":{{JsonValue.Create(other).ToJsonString()}}}""") });

        Assert.Contains($"local_path \\\"{other}\\\"", plugin.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_NullSpecBytes_IsAnEmptySpec()
    {
        await using var plugin = await RunningPlugin.StartAsync("unix");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8("null"), NoConnection = true }));

        Assert.Equal("failed to init plugin: invalid spec: bucket: required: set bucket (an S3 bucket) or local_path (a local folder)", error.Status.Detail);
    }

    [Fact]
    public async Task Init_NoConnection_ResolvesNoCredentialsAndSyncSaysWhy()
    {
        await using var plugin = await RunningPlugin.StartAsync("unix");

        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Json("""{"bucket":"b","local_profile":"cq-no-such-profile"}"""), NoConnection = true });
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = plugin.Plugin.Sync(new Sync.Types.Request { Tables = { "*" } });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("failed to sync records: plugin was initialized with no_connection; call Init without it to list or sync", error.Status.Detail);
    }

    [Fact]
    public async Task Init_MissingProfile_FailsNamingTheProfile()
    {
        await using var plugin = await RunningPlugin.StartAsync("unix");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Json("""{"bucket":"b","local_profile":"cq-no-such-profile"}""") }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("cq-no-such-profile", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Read")]
    [InlineData("Write")]
    public async Task ReadWrite_OnASource_AreUnimplementedWithAClearMessage(string rpc)
    {
        await using var plugin = await RunningPlugin.StartAsync("tcp");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (rpc == "Read")
            {
                using var call = plugin.Plugin.Read(new Read.Types.Request());
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }
            else
            {
                using var call = plugin.Plugin.Write();
                await call.RequestStream.CompleteAsync();
                await call.ResponseAsync;
            }
        });

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains($"{rpc} is not supported: cq-source-s3 is a source plugin", error.Status.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ByteString Json(string text) => ByteString.CopyFromUtf8(text);

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
