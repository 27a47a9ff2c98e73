namespace CqSourceS3.Plugin.Tests.State;

/// <summary>
/// One node state backend per transport for a whole test class (starting one takes most of a second); tests keep
/// apart by using their own state table names.
/// </summary>
public sealed class StateBackendFixture : IAsyncLifetime
{
    private StateBackendProcess? _tcp;
    private StateBackendProcess? _unix;

    internal StateBackendProcess On(string network) =>
        (network == "unix" ? _unix : _tcp) ?? throw new InvalidOperationException("the state backends did not start");

    public async Task InitializeAsync()
    {
        var tcp = StateBackendProcess.StartAsync("tcp");
        var unix = StateBackendProcess.StartAsync("unix");
        try
        {
            await Task.WhenAll(tcp, unix);
        }
        catch
        {
            foreach (var started in new[] { tcp, unix }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        _tcp = tcp.Result;
        _unix = unix.Result;
    }

    public async Task DisposeAsync()
    {
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync();
        }

        if (_unix is not null)
        {
            await _unix.DisposeAsync();
        }
    }
}
