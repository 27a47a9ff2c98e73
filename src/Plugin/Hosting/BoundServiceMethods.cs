using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>
/// Registers a gRPC service's methods by calling its generated <c>BindService</c> directly, for one instance that
/// serves every call. Grpc.AspNetCore's own provider finds <c>BindService</c> by reflection and builds each method's
/// handler types at run time, which in the ahead-of-time compiled plugin went through the runtime's type loader: about
/// a fifth of the CPU of starting <c>serve</c> (bench/RESULTS.md, issue #21). Here every handler type is known when
/// the plugin is compiled. The services hold no per-call state (their dependencies are singletons), so one instance
/// serves all calls; interceptors and limits apply as before, as they belong to the handlers the context builds.
/// </summary>
/// <typeparam name="TService">The service class.</typeparam>
internal sealed class BoundServiceMethods<[DynamicallyAccessedMembers(GrpcServiceMembers)] TService>(Action<ServiceBinderBase, TService> bindService, TService service) : IServiceMethodProvider<TService>
    where TService : class
{
    /// <summary>What Grpc.AspNetCore asks to keep of a service type (its activator and method lookups).</summary>
    private const DynamicallyAccessedMemberTypes GrpcServiceMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    /// <summary>Registers the service as the one instance for every call, and its methods bound from <paramref name="bindService"/>.</summary>
    public static void Add(IServiceCollection services, Action<ServiceBinderBase, TService> bindService)
    {
        services.AddSingleton<TService>();
        services.AddSingleton<IServiceMethodProvider<TService>>(provider => new BoundServiceMethods<TService>(bindService, provider.GetRequiredService<TService>()));
    }

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) => bindService(new ContextBinder(context), service);

    /// <summary>Turns each method the generated code binds into a method of the endpoint context, served by the bound handler.</summary>
    private sealed class ContextBinder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        private static readonly List<object> NoMetadata = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(method, NoMetadata, (_, request, call) => Bound(handler, method)(request, call));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(method, NoMetadata, (_, requests, call) => Bound(handler, method)(requests, call));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(method, NoMetadata, (_, request, responses, call) => Bound(handler, method)(request, responses, call));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(method, NoMetadata, (_, requests, responses, call) => Bound(handler, method)(requests, responses, call));

        /// <summary>The generated code passes a handler for every method when given an instance; a null one is a bug here.</summary>
        private static T Bound<T>(T? handler, IMethod method)
            where T : Delegate =>
            handler ?? throw new InvalidOperationException($"{method.FullName} was bound without a handler");
    }
}
