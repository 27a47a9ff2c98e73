using Amazon.Runtime;
using CqSourceS3.Client;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Makes the server's S3 store with the test server's credentials (through <see cref="S3StoreOptions.Credentials"/>,
/// so tests running in parallel never touch process-wide AWS environment variables), wrapped by the test: a
/// <see cref="CountingObjectStore"/> records traffic, a <see cref="ControlledObjectStore"/> hides keys or fails reads.
/// Everything else (endpoint, region, bucket, path style) comes from the spec sent in Init, as in production.
/// </summary>
internal sealed class FixtureClientFactory(ILoggerFactory loggers, AWSCredentials credentials, Func<IObjectStore, IObjectStore> wrap) : ISourceClientFactory
{
    /// <summary>Replaces the server's <see cref="ISourceClientFactory"/>; pass to <see cref="Services.RunningPlugin.StartAsync"/>.</summary>
    public static Action<IServiceCollection> Replace(AWSCredentials credentials, StoreTraffic traffic) =>
        Replace(credentials, store => new CountingObjectStore(store, traffic));

    /// <inheritdoc cref="Replace(AWSCredentials, StoreTraffic)"/>
    public static Action<IServiceCollection> Replace(AWSCredentials credentials, StoreControl control) =>
        Replace(credentials, store => new ControlledObjectStore(store, control));

    private static Action<IServiceCollection> Replace(AWSCredentials credentials, Func<IObjectStore, IObjectStore> wrap) =>
        services => services.AddSingleton<ISourceClientFactory>(provider =>
            new FixtureClientFactory(provider.GetRequiredService<ILoggerFactory>(), credentials, wrap));

    /// <summary>
    /// The footer cache is in memory only: a file would let one test's footers answer for another test's object of
    /// the same bucket, key and bytes, and hide the reads this test's wrapper counts or fails.
    /// </summary>
    public async Task<SourceClient> CreateAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        var options = ObjectStoreFactory.ToS3Options(spec) with { Credentials = credentials };
        var store = wrap(await S3ObjectStore.CreateAsync(options, cancellationToken).ConfigureAwait(false));
        return SourceClient.Create(spec, store, loggers, new SyncSettings { Footers = FooterCache.InMemory(NullLogger.Instance) });
    }
}
