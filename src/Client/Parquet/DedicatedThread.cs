namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Runs work on its own background thread. Native Parquet decoding cannot be interrupted, and a malformed file can
/// make a decoder spin forever; on a dedicated thread such a decoder can be abandoned after a time limit without
/// tying up a thread-pool thread, and a background thread does not keep the process alive at exit.
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="work"/> on a new background thread named <paramref name="name"/>.</summary>
    /// <exception cref="ThreadUnavailableException">The thread could not be started.</exception>
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        try
        {
            thread.Start();
        }
        catch (OutOfMemoryException e)
        {
            throw new ThreadUnavailableException(
                "a decoding thread could not be started (the process is out of threads, memory or open files)", e);
        }

        return completion.Task;
    }
}
