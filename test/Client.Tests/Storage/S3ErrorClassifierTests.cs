using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tests.Storage;

public sealed class S3ErrorClassifierTests
{
    private static readonly S3Target Target = new("my-bucket", "eu-west-1", "http://127.0.0.1:9000");

    [Theory]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, false, StoreFailure.BucketNotFound)]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, false, StoreFailure.ObjectNotFound)]
    [InlineData("", HttpStatusCode.NotFound, false, StoreFailure.ObjectNotFound)]
    [InlineData("", HttpStatusCode.NotFound, true, StoreFailure.BucketNotFound)]
    [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, false, StoreFailure.ObjectNotFound)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, true, StoreFailure.AccessDenied)]
    [InlineData("InvalidAccessKeyId", HttpStatusCode.Forbidden, true, StoreFailure.AccessDenied)]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, false, StoreFailure.AccessDenied)]
    [InlineData("", HttpStatusCode.Forbidden, false, StoreFailure.AccessDenied)]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, false, StoreFailure.Transient)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, true, StoreFailure.Transient)]
    [InlineData("RequestTimeout", HttpStatusCode.BadRequest, false, StoreFailure.Transient)]
    [InlineData("PermanentRedirect", HttpStatusCode.MovedPermanently, true, StoreFailure.BucketNotFound)]
    [InlineData("InvalidArgument", HttpStatusCode.BadRequest, false, StoreFailure.Unknown)]
    public void Classify_ServiceError_MapsByCodeAndStatus(string code, HttpStatusCode status, bool listing, StoreFailure expected)
    {
        var operation = listing ? S3Operation.List : S3Operation.Get;
        var error = new AmazonS3Exception("server text", null, ErrorType.Sender, code, "req-1", status);

        var result = S3ErrorClassifier.Classify(error, operation, Target, operation == S3Operation.List ? null : "dir/file.parquet");

        Assert.Equal(expected, result.Failure);
        Assert.Same(error, result.InnerException);
        Assert.Equal("s3://my-bucket", result.Location);
    }

    [Fact]
    public void Classify_MessageText_IsIgnored()
    {
        // A message that reads like a missing bucket must not change the decision made from code and status.
        var error = new AmazonS3Exception("NoSuchBucket: the bucket does not exist", null, ErrorType.Sender, "SlowDown", "r", HttpStatusCode.ServiceUnavailable);

        Assert.Equal(StoreFailure.Transient, S3ErrorClassifier.Classify(error, S3Operation.List, Target, null).Failure);
    }

    [Fact]
    public void Classify_MissingBucket_MessageNamesBucketRegionEndpointAndFix()
    {
        var error = new AmazonS3Exception("x", null, ErrorType.Sender, "NoSuchBucket", "r", HttpStatusCode.NotFound);

        var message = S3ErrorClassifier.Classify(error, S3Operation.List, Target, null).Message;

        Assert.Contains("'my-bucket'", message, StringComparison.Ordinal);
        Assert.Contains("eu-west-1", message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9000", message, StringComparison.Ordinal);
        Assert.Contains("check bucket name and region", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ConnectionRefused_IsUnreachable()
    {
        var error = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));

        var result = S3ErrorClassifier.Classify(error, S3Operation.List, Target, null);

        Assert.Equal(StoreFailure.Unreachable, result.Failure);
        Assert.Contains("check endpoint and network", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ClientErrorWrappingNetworkFailure_IsUnreachable()
    {
        var error = new AmazonClientException("wrapped", new HttpRequestException("dns", new SocketException((int)SocketError.HostNotFound)));

        Assert.Equal(StoreFailure.Unreachable, S3ErrorClassifier.Classify(error, S3Operation.Get, Target, "k").Failure);
    }

    [Fact]
    public void IsStoreError_OurCancellation_IsNotClassified()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.False(S3ErrorClassifier.IsStoreError(new TaskCanceledException(), cts.Token));
        Assert.True(S3ErrorClassifier.IsStoreError(new TaskCanceledException(), CancellationToken.None));
        Assert.False(S3ErrorClassifier.IsStoreError(new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public void Display_EndpointWithUserInfoAndQuery_ShowsNeither()
    {
        var endpoint = S3Target.ParseEndpoint("https://user:s3cr3t@minio.example:9000/base?X-Amz-Signature=abc");

        var shown = S3Target.Display(endpoint);

        Assert.Equal("https://minio.example:9000/base", shown);
    }

    [Fact]
    public void ParseEndpoint_WithoutScheme_UsesHttps()
    {
        Assert.Equal("https", S3Target.ParseEndpoint("minio.example:9000").Scheme);
    }
}
