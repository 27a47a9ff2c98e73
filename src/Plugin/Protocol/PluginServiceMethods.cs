using CqSourceS3.Plugin.Services;
using Grpc.AspNetCore.Server.Model;

namespace CqSourceS3.Protocol.Plugin.V3;

/// <summary>
/// Our part of the generated <c>Plugin</c> class: every method of the service handed to Grpc.AspNetCore with the
/// generated method descriptions (names, marshallers), without the generated <c>BindService</c>.
/// </summary>
/// <remarks>
/// <c>BindService</c> registers each method through <c>ServiceBinderBase.AddMethod&lt;TRequest, TResponse&gt;</c>, a
/// generic virtual method: in the Native AOT build the runtime resolves each such call through its type loader, about
/// 2 ms per method and a fifth of the CPU of starting <c>serve</c> (bench/RESULTS.md, "<c>serve</c> starts without the
/// type loader's generic virtual method lookups", after the run of 2026-12-07 04:14). The context's own methods are not
/// virtual, so these calls are compiled ahead of time. A method of the service missing here would be answered as unimplemented; a test compares this list with
/// the service's descriptor.
/// </remarks>
public static partial class Plugin
{
    internal static void AddServiceMethods(ServiceMethodProviderContext<PluginService> context, PluginService service)
    {
        List<object> metadata = [];
        context.AddUnaryMethod(__Method_GetName, metadata, (_, request, call) => service.GetName(request, call));
        context.AddUnaryMethod(__Method_GetVersion, metadata, (_, request, call) => service.GetVersion(request, call));
        context.AddUnaryMethod(__Method_GetSpecSchema, metadata, (_, request, call) => service.GetSpecSchema(request, call));
        context.AddUnaryMethod(__Method_Init, metadata, (_, request, call) => service.Init(request, call));
        context.AddUnaryMethod(__Method_GetTables, metadata, (_, request, call) => service.GetTables(request, call));
        context.AddServerStreamingMethod(__Method_Sync, metadata, (_, request, responses, call) => service.Sync(request, responses, call));
        context.AddServerStreamingMethod(__Method_Read, metadata, (_, request, responses, call) => service.Read(request, responses, call));
        context.AddClientStreamingMethod(__Method_Write, metadata, (_, requests, call) => service.Write(requests, call));
        context.AddDuplexStreamingMethod(__Method_Transform, metadata, (_, requests, responses, call) => service.Transform(requests, responses, call));
        context.AddUnaryMethod(__Method_TransformSchema, metadata, (_, request, call) => service.TransformSchema(request, call));
        context.AddUnaryMethod(__Method_Close, metadata, (_, request, call) => service.Close(request, call));
        context.AddUnaryMethod(__Method_TestConnection, metadata, (_, request, call) => service.TestConnection(request, call));
    }
}
