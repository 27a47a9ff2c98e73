using System.Net;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using CqSourceS3.Protocol.Discovery.V1;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBase = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginBase;

namespace CqSourceS3.Plugin.Tests.State;

/// <summary>
/// An in-process backend for what the node backend cannot show: an old plugin that does not list protocol 3, and
/// a Read answered with several responses that each hold several batches (as PostgreSQL and other Go backends do),
/// and a Read that fails.
/// </summary>
internal sealed class FakeStateBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeStateBackend(WebApplication app, string connection)
    {
        _app = app;
        Connection = connection;
    }

    /// <summary><c>127.0.0.1:N</c>.</summary>
    public string Connection { get; }

    public static async Task<FakeStateBackend> StartAsync(int[] versions, IReadOnlyList<IReadOnlyList<RecordBatch>> readResponses, string? readError = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new Answers(versions, [.. readResponses.Select(Encode)], readError));
        var app = builder.Build();
        app.MapGrpcService<FakeDiscovery>();
        app.MapGrpcService<FakePlugin>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeStateBackend(app, new Uri(address).Authority);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // Several batches in one IPC stream: the .NET writer, not ArrowIpc, which by design writes exactly one.
    private static ByteString Encode(IReadOnlyList<RecordBatch> batches)
    {
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, batches[0].Schema, leaveOpen: true))
        {
            writer.WriteStart();
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(batch);
            }

            writer.WriteEnd();
        }

        return ByteString.CopyFrom(buffer.ToArray());
    }

    internal sealed record Answers(int[] Versions, ByteString[] ReadResponses, string? ReadError);

    internal sealed class FakeDiscovery(Answers answers) : Discovery.DiscoveryBase
    {
        public override Task<GetVersions.Types.Response> GetVersions(GetVersions.Types.Request request, ServerCallContext context) =>
            Task.FromResult(new GetVersions.Types.Response { Versions = { answers.Versions } });
    }

    internal sealed class FakePlugin(Answers answers) : PluginBase
    {
        public override async Task<Write.Types.Response> Write(IAsyncStreamReader<Write.Types.Request> requestStream, ServerCallContext context)
        {
            await foreach (var _ in requestStream.ReadAllAsync(context.CancellationToken))
            {
            }

            return new Write.Types.Response();
        }

        public override async Task Read(Read.Types.Request request, IServerStreamWriter<Read.Types.Response> responseStream, ServerCallContext context)
        {
            if (answers.ReadError is { } error)
            {
                throw new RpcException(new Status(StatusCode.Internal, error));
            }

            foreach (var record in answers.ReadResponses)
            {
                await responseStream.WriteAsync(new Read.Types.Response { Record = record }, context.CancellationToken);
            }
        }
    }
}
