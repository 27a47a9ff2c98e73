namespace CqSourceS3.Tests.Shared.S3;

/// <summary>Which S3-compatible server a <see cref="S3ServerFixture"/> runs; <c>CQ_S3_SERVER</c> forces one by name.</summary>
public enum S3ServerKind
{
    /// <summary>LocalStack in Docker via Testcontainers (only where a Docker engine is reachable).</summary>
    LocalStack,

    /// <summary>OpenStack Swift with the s3api middleware from Debian packages: the most S3-faithful option without Docker.</summary>
    Swift,

    /// <summary>s3rver 3.7.1 on Node: fast to start, with the quirks listed in <see cref="S3ServerQuirks"/>.</summary>
    S3rver,
}
