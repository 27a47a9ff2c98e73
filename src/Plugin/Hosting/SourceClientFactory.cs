using CqSourceS3.Client;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>
/// Makes the client for a spec. A seam so tests can hand the server a store with their own credentials;
/// the plugin itself always uses <see cref="ObjectStoreFactory"/>.
/// </summary>
internal class SourceClientFactory(ILoggerFactory loggers)
{
    public virtual async Task<SourceClient> CreateAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        var store = await CreateStoreAsync(spec, cancellationToken).ConfigureAwait(false);
        return SourceClient.Create(spec, store, loggers, CreateFooterCache(spec, store));
    }

    /// <summary>The spec's footer cache, as <see cref="SourceClient.CreateAsync"/> makes it.</summary>
    protected virtual FooterCache? CreateFooterCache(SourceSpec spec, IObjectStore store) =>
        SourceClient.SpecFooterCache(spec, store, loggers);

    protected virtual Task<IObjectStore> CreateStoreAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        ObjectStoreFactory.CreateAsync(spec, cancellationToken);
}
