namespace CqSourceS3.Client.Storage;

/// <summary>
/// Says in words what went wrong on this machine (not in the object or the store): the exception's own message,
/// which .NET writes for people, led by what kind of trouble it is. Never a stack trace, never a type name alone.
/// </summary>
internal static class LocalFailure
{
    // errno values, the same on Linux and macOS; .NET puts the raw errno in the HResult of an IOException it
    // raises for a failed system call.
    private const int TooManyOpenFilesInProcess = 24;
    private const int TooManyOpenFilesInSystem = 23;

    /// <summary>True when <paramref name="error"/> is the process or the system running out of open files.</summary>
    public static bool IsOutOfFileDescriptors(Exception error) =>
        error is IOException { HResult: TooManyOpenFilesInProcess or TooManyOpenFilesInSystem };

    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = FirstLine(error.Message);
        return error switch
        {
            OutOfMemoryException => "out of memory",
            InsufficientExecutionStackException => "out of stack space",
            UnauthorizedAccessException => $"permission denied ({message})",
            _ when IsOutOfFileDescriptors(error) => $"too many open files, the process's open-file limit (ulimit -n) is reached ({message})",
            FileLoadException or BadImageFormatException or TypeLoadException or DllNotFoundException =>
                $"a part of the program could not be loaded ({message})",
            IOException => $"I/O error ({message})",
            _ => $"{error.GetType().Name}: {message}",
        };
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
