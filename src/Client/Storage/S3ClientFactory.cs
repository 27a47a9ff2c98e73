using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.S3;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// Builds the SDK client for <see cref="S3StoreOptions"/>: picks credentials, the region and the endpoint
/// settings, so that <see cref="S3ObjectStore"/> only deals with requests.
/// </summary>
internal static class S3ClientFactory
{
    // Custom endpoints (MinIO, Swift, LocalStack) rarely care about the region, but SigV4 needs one in its scope.
    private const string CustomEndpointDefaultRegion = "us-east-1";

    /// <summary>Resolves credentials and region, then creates the client.</summary>
    public static async Task<(IAmazonS3 Client, S3Target Target)> CreateAsync(S3StoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        var endpoint = options.Endpoint is null ? null : S3Target.ParseEndpoint(options.Endpoint);
        var profile = options.LocalProfile is null ? null : FindProfile(options);
        var region = options.Region ?? profile?.Region?.SystemName ?? RegionFromEnvironment()
            ?? (endpoint is null
                ? throw new StoreException(StoreFailure.Unknown, $"s3://{options.Bucket}", null,
                    $"no region for bucket '{options.Bucket}': set region in the spec, AWS_REGION, or a region in the AWS profile")
                : CustomEndpointDefaultRegion);
        var target = new S3Target(options.Bucket, region, endpoint is null ? null : S3Target.Display(endpoint));
        var config = CreateConfig(options, endpoint, region);
        var credentials = await ResolveCredentialsAsync(options, profile, target, config, cancellationToken).ConfigureAwait(false);
        // Retried as the SDK's standard mode does, except that an endpoint that cannot be connected to before it ever
        // answered is reported at once (see FirstContactRetryPolicy): the same first listing fails fast in sync,
        // discover and TestConnection.
        return (new FirstContactS3Client(credentials, config), target);
    }

    /// <summary>The SDK settings for <paramref name="options"/> (internal so tests can build a client the same way).</summary>
    internal static AmazonS3Config CreateConfig(S3StoreOptions options, Uri? endpoint, string region)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.UsePathStyle,
            // Checksums on every request break several S3-compatible stores; S3 itself does not need them for reads.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Covers sending the request and receiving the headers; the body of a large range streams afterwards.
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            // Without it the SDK guesses the signing region from the host name, which S3-compatible stores reject.
            config.AuthenticationRegion = region;
        }

        return config;
    }

    private static async Task<AWSCredentials> ResolveCredentialsAsync(
        S3StoreOptions options, CredentialProfile? profile, S3Target target, AmazonS3Config config, CancellationToken cancellationToken)
    {
        if (options.Credentials is not null)
        {
            return options.Credentials;
        }

        if (options.NoSignRequest)
        {
            return new AnonymousAWSCredentials();
        }

        if (profile is not null)
        {
            return AWSCredentialsFactory.TryGetAWSCredentials(profile, new CredentialProfileStoreChain(), out var fromProfile)
                ? fromProfile
                : throw new StoreException(StoreFailure.AccessDenied, target.Location, null,
                    $"AWS profile '{profile.Name}' (local_profile) has no usable credentials: check the shared credentials/config files");
        }

        try
        {
            // Resolved here, not lazily by the SDK, so that "no credentials" is a typed failure rather than an
            // AmazonClientException recognisable only by its text on the first request.
            return await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(config).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new StoreException(StoreFailure.AccessDenied, target.Location, null,
                $"no AWS credentials found for {target.Location}: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, " +
                "set local_profile, or set no_sign_request for a public bucket", e);
        }
    }

    private static CredentialProfile FindProfile(S3StoreOptions options)
    {
        var name = options.LocalProfile!;
        return new CredentialProfileStoreChain().TryGetProfile(name, out var profile)
            ? profile
            : throw new StoreException(StoreFailure.AccessDenied, $"s3://{options.Bucket}", null,
                $"AWS profile '{name}' (local_profile) not found in the shared credentials/config files (~/.aws/credentials, ~/.aws/config)");
    }

    private static string? RegionFromEnvironment()
    {
        // Environment variables and the default profile; instance metadata is left out so that a missing region
        // outside EC2 fails at once instead of after metadata timeouts.
        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        var profileName = Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
        return new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile) ? profile.Region?.SystemName : null;
    }
}
