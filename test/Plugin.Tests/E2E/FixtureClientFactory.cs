using Amazon.Runtime;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Plugin.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Tests.E2E;

/// <summary>
/// Makes the server's S3 store with the test server's credentials (through <see cref="S3StoreOptions.Credentials"/>,
/// so tests running in parallel never touch process-wide AWS environment variables) and records its traffic.
/// Everything else (endpoint, region, bucket, path style) comes from the spec sent in Init, as in production.
/// </summary>
internal sealed class FixtureClientFactory(ILoggerFactory loggers, AWSCredentials credentials, StoreTraffic traffic) : SourceClientFactory(loggers)
{
    /// <summary>Replaces the server's <see cref="SourceClientFactory"/>; pass to <see cref="Services.RunningPlugin.StartAsync"/>.</summary>
    public static Action<IServiceCollection> Replace(AWSCredentials credentials, StoreTraffic traffic) =>
        services => services.AddSingleton<SourceClientFactory>(provider =>
            new FixtureClientFactory(provider.GetRequiredService<ILoggerFactory>(), credentials, traffic));

    protected override async Task<IObjectStore> CreateStoreAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        var options = ObjectStoreFactory.ToS3Options(spec) with { Credentials = credentials };
        return new CountingObjectStore(await S3ObjectStore.CreateAsync(options, cancellationToken).ConfigureAwait(false), traffic);
    }
}
