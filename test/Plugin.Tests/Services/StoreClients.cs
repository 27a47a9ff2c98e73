using CqSourceS3.Client;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Hosting;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>
/// Clients over a test's own store and settings (quick retries, a small read-ahead), logging into the plugin's own
/// log as the real factory does; the spec sent in Init decides everything else.
/// </summary>
internal sealed class StoreClients(IObjectStore store, SyncSettings settings, ILoggerFactory loggers) : ISourceClientFactory
{
    public Task<SourceClient> CreateAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult(SourceClient.Create(spec, store, loggers, settings));
}
