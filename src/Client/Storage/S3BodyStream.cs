using Amazon.S3.Model;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// The body of one GetObject response: owns the response (and so the HTTP connection) and releases it on
/// dispose, and turns network failures in the middle of the body into a classified <see cref="StoreException"/>.
/// </summary>
internal sealed class S3BodyStream(GetObjectResponse response, S3Target target, string key) : ForwardReadStream
{
    private readonly Stream _body = response.ResponseStream;

    public override long Length => throw new NotSupportedException();

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _body.Read(buffer);
        }
        catch (Exception e) when (S3ErrorClassifier.IsStoreError(e, CancellationToken.None))
        {
            throw S3ErrorClassifier.Classify(e, S3Operation.ReadBody, target, key);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3ErrorClassifier.IsStoreError(e, cancellationToken))
        {
            throw S3ErrorClassifier.Classify(e, S3Operation.ReadBody, target, key);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Disposing the response closes the body; a caller that stops early does not drain the rest of the range.
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
