namespace CqSourceS3.Client.Storage;

/// <summary>
/// The bucket, the region actually used and the endpoint as shown to users: everything an error message
/// needs to say where a request went, and nothing secret (the endpoint is shown without user info or query).
/// </summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Region">The region requests are signed for.</param>
/// <param name="Endpoint">The custom endpoint without credentials or query, or null for AWS.</param>
internal sealed record S3Target(string Bucket, string Region, string? Endpoint)
{
    /// <summary><c>s3://bucket</c>.</summary>
    public string Location => $"s3://{Bucket}";

    /// <summary>"endpoint http://host:port (region r)" or "AWS region r".</summary>
    public string Where => Endpoint is null ? $"AWS region {Region}" : $"endpoint {Endpoint} (region {Region})";

    /// <summary>Turns a user's endpoint into a URL the SDK accepts: a missing scheme means https.</summary>
    public static Uri ParseEndpoint(string endpoint)
    {
        var text = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "https://" + endpoint;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // The raw value may carry user info, so only its shape is described.
            throw new ArgumentException("endpoint must be an http:// or https:// URL, e.g. http://127.0.0.1:9000", nameof(endpoint));
        }

        return uri;
    }

    /// <summary>A user's endpoint as it may appear in messages: scheme, host, port and path, or a placeholder when unparsable.</summary>
    public static string Display(string endpoint)
    {
        try
        {
            return Display(ParseEndpoint(endpoint));
        }
        catch (ArgumentException)
        {
            return "(not a valid URL)";
        }
    }

    /// <summary>The endpoint as it may appear in messages and logs: scheme, host, port and path only.</summary>
    public static string Display(Uri endpoint) =>
        endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
}
