namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// The last resort of the command line: a failure no command turned into its own message is reported as one line
/// (what happened and its kind) with exit code 1, or 130 for a cancellation, instead of a stack trace.
/// </summary>
internal static class UnexpectedFailure
{
    /// <summary>The exit code of a run the user cancelled (128 + SIGINT), as shells report it.</summary>
    public const int CancelledExitCode = 130;

    public static int Report(Exception error, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(errors);
        if (error is OperationCanceledException)
        {
            errors.WriteLine("cancelled");
            return CancelledExitCode;
        }

        var message = error.Message;
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        errors.WriteLine($"error: {(end < 0 ? message : message[..end]).Trim()} ({error.GetType().Name})");
        return 1;
    }
}
