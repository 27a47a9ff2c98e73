namespace CqSourceS3.Client;

/// <summary>
/// One object's data could not be read, whatever its format: carries the store location and key and says whether
/// reading it again can help. The engine skips such an object by this type alone; each format keeps its own concrete
/// type (<see cref="Parquet.ParquetReadException"/>, <see cref="Formats.TextReadException"/>) with what only it knows.
/// Store failures are never wrapped in it: they stay <see cref="Storage.StoreException"/>s.
/// </summary>
public abstract class ObjectReadException : SourceException
{
    protected ObjectReadException(string format, string location, string key, string reason, Exception? inner = null)
        : base($"cannot read {format} object '{key}' in '{location}': {reason}", inner)
    {
        Location = location;
        Key = key;
        Reason = reason;
    }

    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    /// <summary>True when the failure says nothing about the bytes (the machine or the network failed): the object is read again next run.</summary>
    public abstract bool IsTransient { get; }

    /// <summary><c>s3://bucket</c> or the folder path.</summary>
    public string Location { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The reason alone, without location and key.</summary>
    public string Reason { get; }
}
