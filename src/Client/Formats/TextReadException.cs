namespace CqSourceS3.Client.Formats;

/// <summary>
/// One CSV or JSON Lines object could not be read: a value, a row or a line that does not fit, invalid UTF-8, bad
/// compressed bytes. Carries the store location and key; the reason names line and column where there is one. Store
/// failures are never wrapped in it: they stay <see cref="Storage.StoreException"/>s.
/// </summary>
public sealed class TextReadException : ObjectReadException
{
    public TextReadException(string format, string location, string key, string reason, bool transient, Exception? inner = null)
        : base(format, location, key, reason, inner)
    {
        IsTransient = transient;
    }

    /// <inheritdoc />
    public override bool IsTransient { get; }
}
