using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>
/// Registers a gRPC service's methods with Grpc.AspNetCore from our own list (<c>AddServiceMethods</c> beside the
/// generated service class), for one instance that serves every call. Grpc.AspNetCore's own provider finds
/// <c>BindService</c> by reflection and builds each method's handler types at run time, and even the generated
/// <c>BindService</c> registers methods through a generic virtual method: in the ahead-of-time compiled plugin both went
/// through the runtime's type loader, together about two fifths of the CPU of starting <c>serve</c> (bench/RESULTS.md,
/// issues #18 and #21). Here every handler type is known when the plugin is compiled. The services hold no per-call
/// state (their dependencies are singletons), so one instance serves all calls; interceptors and limits apply as
/// before, as they belong to the handlers the context builds.
/// </summary>
/// <typeparam name="TService">The service class.</typeparam>
internal sealed class BoundServiceMethods<[DynamicallyAccessedMembers(GrpcServiceMembers)] TService>(Action<ServiceMethodProviderContext<TService>, TService> addMethods, TService service) : IServiceMethodProvider<TService>
    where TService : class
{
    /// <summary>What Grpc.AspNetCore asks to keep of a service type (its activator and method lookups).</summary>
    private const DynamicallyAccessedMemberTypes GrpcServiceMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    /// <summary>Registers the service as the one instance for every call, and its methods as <paramref name="addMethods"/> lists them.</summary>
    public static void Add(IServiceCollection services, Action<ServiceMethodProviderContext<TService>, TService> addMethods)
    {
        services.AddSingleton<TService>();
        services.AddSingleton<IServiceMethodProvider<TService>>(provider => new BoundServiceMethods<TService>(addMethods, provider.GetRequiredService<TService>()));
    }

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) => addMethods(context, service);
}
