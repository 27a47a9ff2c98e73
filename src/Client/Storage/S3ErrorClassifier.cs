using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Amazon.Runtime;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// The one place where S3 and network errors become a <see cref="StoreException"/>: decided by S3 error code,
/// HTTP status and exception type, never by message text. Messages name the bucket, key, region and endpoint
/// and suggest a fix; they are built only from those and the error code, so no credential or signed URL can
/// leak into them.
/// </summary>
internal static class S3ErrorClassifier
{
    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken",
        "TokenRefreshRequired", "AllAccessDisabled", "AccountProblem", "InvalidSecurity",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "RequestTimeTooSkewed", "Throttling",
    };

    // S3 answers these when the bucket lives in another region than the one requests are signed for.
    private static readonly HashSet<string> WrongRegionCodes = new(StringComparer.Ordinal)
    {
        "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException",
    };

    /// <summary>True for failures that come from the store or the network (and are classified), false for our own bugs and our own cancellation.</summary>
    public static bool IsStoreError(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Translates <paramref name="error"/> from <paramref name="operation"/> on <paramref name="target"/> (and <paramref name="key"/>).</summary>
    public static StoreException Classify(Exception error, S3Operation operation, S3Target target, string? key)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is AmazonServiceException service && (service.StatusCode != 0 || !string.IsNullOrEmpty(service.ErrorCode)))
        {
            return FromService(service, operation, target, key);
        }

        if (IsNetworkFailure(error))
        {
            return new StoreException(StoreFailure.Unreachable, target.Location, key,
                $"cannot reach {target.Where} for {Describe(target, key)} ({error.GetType().Name}): check endpoint and network", error);
        }

        return new StoreException(StoreFailure.Unknown, target.Location, key,
            $"{operation} of {Describe(target, key)} at {target.Where} failed ({error.GetType().Name})", error);
    }

    private static StoreException FromService(AmazonServiceException error, S3Operation operation, S3Target target, string? key)
    {
        var code = string.IsNullOrEmpty(error.ErrorCode) ? "no error code" : error.ErrorCode;
        var status = (int)error.StatusCode;
        var detail = $"S3 error {code}, HTTP {status}";
        var (failure, message) = Decide(error.ErrorCode, error.StatusCode, operation) switch
        {
            StoreFailure.BucketNotFound when WrongRegionCodes.Contains(code) => (StoreFailure.BucketNotFound,
                $"bucket '{target.Bucket}' is not in {target.Where} ({detail}): check bucket name and region"),
            StoreFailure.BucketNotFound => (StoreFailure.BucketNotFound,
                $"bucket '{target.Bucket}' not found at {target.Where} ({detail}): check bucket name and region"),
            StoreFailure.ObjectNotFound when error.StatusCode == HttpStatusCode.PreconditionFailed => (StoreFailure.ObjectNotFound,
                $"object '{key}' in {target.Location} changed since it was listed ({detail}): it is read again on the next sync"),
            StoreFailure.ObjectNotFound => (StoreFailure.ObjectNotFound,
                $"object '{key}' in {target.Location} no longer exists ({detail}): it was deleted after listing"),
            StoreFailure.AccessDenied => (StoreFailure.AccessDenied,
                $"access to {Describe(target, key)} denied at {target.Where} ({detail}): check credentials / local_profile / no_sign_request and the bucket policy"),
            StoreFailure.Transient => (StoreFailure.Transient,
                $"{target.Where} failed or throttled {Describe(target, key)} after retries ({detail}): try again later or lower concurrency"),
            var other => (other, $"{operation} of {Describe(target, key)} at {target.Where} failed ({detail})"),
        };
        return new StoreException(failure, target.Location, key, message, error);
    }

    private static StoreFailure Decide(string? code, HttpStatusCode status, S3Operation operation)
    {
        if (code is "NoSuchBucket" || (code is not null && WrongRegionCodes.Contains(code)) || status == HttpStatusCode.MovedPermanently)
        {
            return StoreFailure.BucketNotFound;
        }

        if (code is "NoSuchKey" or "NoSuchVersion")
        {
            return StoreFailure.ObjectNotFound;
        }

        // A GET carries If-Match with the listed ETag: 412 means the object was rewritten after listing. For the
        // sync that is the same as "gone": the listed version cannot be read, and the rewrite has a newer
        // LastModified, so the next sync picks it up.
        if (status == HttpStatusCode.PreconditionFailed && operation != S3Operation.List)
        {
            return StoreFailure.ObjectNotFound;
        }

        if ((code is not null && AccessDeniedCodes.Contains(code)) || status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            return StoreFailure.AccessDenied;
        }

        if ((code is not null && TransientCodes.Contains(code)) || status is HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return StoreFailure.Transient;
        }

        // A 404 without a known code (HEAD-style answers have no body) means the bucket for a listing, the object otherwise.
        if (status == HttpStatusCode.NotFound)
        {
            return operation == S3Operation.List ? StoreFailure.BucketNotFound : StoreFailure.ObjectNotFound;
        }

        return StoreFailure.Unknown;
    }

    private static bool IsNetworkFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or AuthenticationException or TimeoutException or IOException
                or OperationCanceledException)
            {
                // OperationCanceledException reaches here only when it was not our token (IsStoreError): an HTTP timeout.
                return true;
            }
        }

        return false;
    }

    private static string Describe(S3Target target, string? key) => key is null ? target.Location : $"'{key}' in {target.Location}";
}
