namespace CqSourceS3.Client.Formats;

/// <summary>
/// One CSV or JSON Lines object could not be read: a value, a row or a line that does not fit, invalid UTF-8, bad
/// compressed bytes. Carries the store location and key; the reason names line and column where there is one. Store
/// failures are never wrapped in it: they stay <see cref="Storage.StoreException"/>s.
/// </summary>
public sealed class TextReadException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    public TextReadException(string format, string location, string key, string reason, bool transient, Exception? inner = null)
        : base($"cannot read {format} object '{key}' in '{location}': {reason}", inner)
    {
        Location = location;
        Key = key;
        Reason = reason;
        IsTransient = transient;
    }

    /// <summary>True when the failure says nothing about the bytes (the machine or the network failed): the object is read again next run.</summary>
    public bool IsTransient { get; }

    /// <summary><c>s3://bucket</c> or the folder path.</summary>
    public string Location { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The reason alone, without location and key.</summary>
    public string Reason { get; }
}
