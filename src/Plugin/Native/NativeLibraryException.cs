using CqSourceS3.Client;

namespace CqSourceS3.Plugin.Native;

/// <summary>
/// ParquetSharp's native library could not be written where the plugin can load it from: a setup problem the user
/// fixes by giving the plugin a writable cache folder, hence a configuration failure (exit code 2).
/// </summary>
internal sealed class NativeLibraryException(string message, Exception inner) : SourceException(message, inner)
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Configuration;
}
