using CqSourceS3.Client;
using CqSourceS3.Plugin.Protocol;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// The one place where a command's failure becomes a line on stderr and an exit code: an expected failure
/// (<see cref="SourceException"/>) with its message, exit 2 for configuration and 1 for the rest; anything else as
/// unexpected, with its type, exit 1; a cancellation exits 130. Never a stack trace.
/// </summary>
internal static class CommandFailure
{
    /// <summary>The exit code of a config or spec that cannot be used.</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>The exit code of a run the user cancelled (128 + SIGINT), as shells report it.</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Writes what went wrong in <paramref name="command"/> to <paramref name="errors"/>; returns the exit code.</summary>
    public static int Report(string command, Exception error, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(errors);
        switch (error)
        {
            case OperationCanceledException:
                errors.WriteLine($"{command} cancelled");
                return CancelledExitCode;
            case SourceException expected:
                errors.WriteLine($"{command} failed: {Describe(expected)}");
                return expected.Kind == FailureKind.Configuration ? ConfigurationExitCode : 1;
            default:
                errors.WriteLine($"{command} failed: {Describe(error)}");
                return 1;
        }
    }

    /// <summary>
    /// The failure in the words <see cref="Report"/> uses: "cancelled", an expected failure's message, or an
    /// unexpected one's type and first line with secrets scrubbed.
    /// </summary>
    public static string Describe(Exception error) => error switch
    {
        OperationCanceledException => "cancelled",
        SourceException => error.Message,
        _ => RpcErrors.Unexpected(error),
    };
}
