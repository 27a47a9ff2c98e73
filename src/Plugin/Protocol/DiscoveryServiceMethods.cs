using CqSourceS3.Plugin.Services;
using Grpc.AspNetCore.Server.Model;

namespace CqSourceS3.Protocol.Discovery.V1;

/// <summary>
/// Our part of the generated <c>Discovery</c> class: its one method handed to Grpc.AspNetCore without the generated
/// <c>BindService</c>, for the reason given on <see cref="Plugin.V3.Plugin"/>'s part.
/// </summary>
public static partial class Discovery
{
    internal static void AddServiceMethods(ServiceMethodProviderContext<DiscoveryService> context, DiscoveryService service) =>
        context.AddUnaryMethod(__Method_GetVersions, [], (_, request, call) => service.GetVersions(request, call));
}
