using CqSourceS3.Client.State;
using CqSourceS3.Protocol.Plugin.V3;

namespace CqSourceS3.Plugin.State;

/// <summary>Opens the state store a Sync request names: the seam through which tests hand the server their own.</summary>
internal interface IStateBackend
{
    /// <summary>
    /// The state store for <paramref name="backend"/>; <see cref="NoStateStore"/> without backend options. Called
    /// before anything is sent, so a broken backend fails the sync with no data moved.
    /// </summary>
    /// <exception cref="StateStoreException">Incomplete options, or the backend cannot be used.</exception>
    Task<IStateStore> OpenAsync(Sync.Types.BackendOptions? backend, CancellationToken cancellationToken);
}

/// <summary>The plugin's own: another CloudQuery plugin reached over gRPC (<see cref="GrpcStateStore"/>).</summary>
internal sealed class GrpcStateBackend : IStateBackend
{
    public Task<IStateStore> OpenAsync(Sync.Types.BackendOptions? backend, CancellationToken cancellationToken) =>
        GrpcStateStore.OpenAsync(backend, cancellationToken);
}
