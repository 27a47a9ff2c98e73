using Amazon.Runtime;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Plugin.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Tests.E2E;

/// <summary>
/// Like <see cref="FixtureClientFactory"/> (the test server's credentials, everything else from the Init spec), but
/// the store is wrapped in a <see cref="ControlledObjectStore"/> so a test can hide keys or fail reads.
/// </summary>
internal sealed class ControlledClientFactory(ILoggerFactory loggers, AWSCredentials credentials, StoreControl control) : SourceClientFactory(loggers)
{
    /// <summary>Replaces the server's <see cref="SourceClientFactory"/>; pass to <see cref="Services.RunningPlugin.StartAsync"/>.</summary>
    public static Action<IServiceCollection> Replace(AWSCredentials credentials, StoreControl control) =>
        services => services.AddSingleton<SourceClientFactory>(provider =>
            new ControlledClientFactory(provider.GetRequiredService<ILoggerFactory>(), credentials, control));

    protected override async Task<IObjectStore> CreateStoreAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        var options = ObjectStoreFactory.ToS3Options(spec) with { Credentials = credentials };
        return new ControlledObjectStore(await S3ObjectStore.CreateAsync(options, cancellationToken).ConfigureAwait(false), control);
    }
}
