using System.Text.RegularExpressions;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>
/// Takes secrets out of text we did not word ourselves (an unexpected exception's message): passwords in URLs,
/// signed-URL signatures, credentials and tokens, and the values of the AWS secret variables of this process.
/// Our own messages never carry secrets; this guards the ones that come from libraries.
/// </summary>
internal static partial class SecretText
{
    private const string Hidden = "***";

    private static readonly string[] SecretVariables = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrubbed = UrlPassword().Replace(text, "${scheme}${user}:" + Hidden + "@");
        scrubbed = SignedQuery().Replace(scrubbed, "${name}=" + Hidden);
        foreach (var variable in SecretVariables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: >= 8 } secret)
            {
                scrubbed = scrubbed.Replace(secret, Hidden, StringComparison.Ordinal);
            }
        }

        return scrubbed;
    }

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<user>[^/:@\s]*):[^/@\s]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<name>X-Amz-(?:Signature|Credential|Security-Token))=[^&\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SignedQuery();
}
