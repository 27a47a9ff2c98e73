using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3.Internal;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// The SDK's standard S3 retry policy, except that a request that could not even connect (the host name does not
/// resolve, the port refuses, no route) is not retried while the endpoint has never answered this client.
/// </summary>
/// <remarks>
/// The standard policy retries such failures four times with jittered exponential backoff (up to 1 + 2 + 4 + 8 s),
/// so a wrong endpoint or a server that is down was reported after anything from 1 to 15 s, by <c>sync</c> and
/// <c>discover</c> alike (both make the same first listing; the difference users saw was the jitter). Before any
/// answer, "cannot connect" means a wrong <c>endpoint</c>, network or DNS: retrying only delays the message. Once the
/// endpoint has answered, the same failure is a blip (a restarting MinIO, a recycled load balancer) and is retried
/// as before, so a long sync does not lose objects to it. Timeouts and dropped connections are always retried.
/// </remarks>
internal sealed class FirstContactRetryPolicy(IClientConfig config) : AmazonS3StandardRetryPolicy(config)
{
    private volatile bool _answered;

    /// <summary>True once the endpoint has sent any response, success or error.</summary>
    public bool EndpointAnswered => _answered;

    /// <inheritdoc />
    public override bool RetryForException(IExecutionContext executionContext, Exception exception)
    {
        NoteAnswer(exception);
        return !IsFirstContactFailure(exception) && base.RetryForException(executionContext, exception);
    }

    /// <inheritdoc />
    public override Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception)
    {
        NoteAnswer(exception);
        return IsFirstContactFailure(exception) ? Task.FromResult(false) : base.RetryForExceptionAsync(executionContext, exception);
    }

    /// <inheritdoc />
    public override void NotifySuccess(IExecutionContext executionContext)
    {
        _answered = true;
        base.NotifySuccess(executionContext);
    }

    /// <summary>Whether <paramref name="error"/> says no connection could be made, judged by its type and socket error code.</summary>
    internal static bool IsConnectFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
                || e is SocketException
                {
                    SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                })
            {
                return true;
            }
        }

        return false;
    }

    private bool IsFirstContactFailure(Exception error) => !_answered && IsConnectFailure(error);

    private void NoteAnswer(Exception error)
    {
        // An error response (403, 404, 503…) is an answer: the endpoint is there.
        if (error is AmazonServiceException { StatusCode: not 0 })
        {
            _answered = true;
        }
    }
}
