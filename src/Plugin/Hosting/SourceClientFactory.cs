using CqSourceS3.Client;
using CqSourceS3.Client.Spec;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Hosting;

/// <summary>Makes the client for a spec: the seam through which tests hand the server a store of their own.</summary>
internal interface ISourceClientFactory
{
    Task<SourceClient> CreateAsync(SourceSpec spec, CancellationToken cancellationToken);
}

/// <summary>The plugin's own factory: the store and footer cache the spec names (<see cref="SourceClient.CreateAsync"/>).</summary>
internal sealed class SourceClientFactory(ILoggerFactory loggers) : ISourceClientFactory
{
    public Task<SourceClient> CreateAsync(SourceSpec spec, CancellationToken cancellationToken) =>
        SourceClient.CreateAsync(spec, loggers, cancellationToken);
}
