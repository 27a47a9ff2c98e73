namespace CqSourceS3.Client.Storage;

/// <summary>Why a store operation failed, decided once where the store's own error is translated.</summary>
public enum StoreFailure
{
    /// <summary>Anything not classified below.</summary>
    Unknown,

    /// <summary>The bucket or folder does not exist.</summary>
    BucketNotFound,

    /// <summary>The object disappeared between listing and reading.</summary>
    ObjectNotFound,

    /// <summary>Credentials are missing, wrong or lack permission.</summary>
    AccessDenied,

    /// <summary>The endpoint could not be reached (DNS, refused connection, TLS, timeout).</summary>
    Unreachable,

    /// <summary>The store asked us to slow down, or failed in a way that is worth retrying later.</summary>
    Transient,
}
