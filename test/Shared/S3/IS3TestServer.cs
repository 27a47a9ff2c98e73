namespace CqSourceS3.Tests.Shared.S3;

/// <summary>One running S3-compatible server process (or container); disposing stops it and deletes its data.</summary>
internal interface IS3TestServer : IAsyncDisposable
{
    S3ServerKind Kind { get; }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:PORT</c>; always path-style.</summary>
    string Endpoint { get; }

    string AccessKey { get; }

    string SecretKey { get; }

    /// <summary>A user that authenticates but has no rights on the buckets created, when the server has one.</summary>
    (string AccessKey, string SecretKey)? NoRightsUser { get; }

    S3ServerQuirks Quirks { get; }

    /// <summary>A short description for test output (kind, endpoint, version).</summary>
    string Description { get; }
}
