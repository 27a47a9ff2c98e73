namespace CqSourceS3.Client.Storage;

/// <summary>Which S3 call failed; a bare 404 means a missing bucket for a listing but a missing object for a read.</summary>
internal enum S3Operation
{
    /// <summary>ListObjectsV2, also used to check access.</summary>
    List,

    /// <summary>GetObject with a byte range.</summary>
    Get,

    /// <summary>Reading the body of a GetObject response.</summary>
    ReadBody,
}
