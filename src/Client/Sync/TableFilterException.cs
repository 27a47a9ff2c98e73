using System.Globalization;
using CqSourceS3.Client;

namespace CqSourceS3.Client.Sync;

/// <summary>A <c>tables</c> or <c>skip_tables</c> pattern matched no known table.</summary>
/// <remarks>
/// The message starts with the Go SDK's text, which users may already search for, and goes on to say where the
/// tables were looked for when that is known: with <c>tables: ["*"]</c> the usual cause is an empty bucket, or a
/// <c>path_prefix</c> or folder that holds no Parquet objects, and only the location and prefix show which.
/// </remarks>
public sealed class TableFilterException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Request;

    public TableFilterException(string option, string pattern)
        : base(Describe(option, pattern, null))
    {
        Option = option;
        Pattern = pattern;
    }

    /// <param name="option">The option the pattern came from.</param>
    /// <param name="pattern">The pattern that matched nothing.</param>
    /// <param name="scope">Where the tables were listed, and what was found there.</param>
    public TableFilterException(string option, string pattern, TableScope scope)
        : base(Describe(option, pattern, scope))
    {
        Option = option;
        Pattern = pattern;
        Location = scope.Location;
        Prefix = scope.Prefix;
    }

    /// <summary>The option the pattern came from: <c>tables</c> or <c>skip_tables</c>.</summary>
    public string Option { get; }

    /// <summary>The pattern that matched nothing.</summary>
    public string Pattern { get; }

    /// <summary>Where the tables were listed (<c>s3://bucket</c> or the folder); null when the caller did not say.</summary>
    public string? Location { get; }

    /// <summary>The <c>path_prefix</c> the listing was limited to; null when the caller did not say.</summary>
    public string? Prefix { get; }

    private static string Describe(string option, string pattern, TableScope? scope)
    {
        var goSdkText = $"{option} include a pattern {pattern} with no matches";
        if (scope is null)
        {
            return goSdkText;
        }

        var where = scope.Prefix.Length == 0 ? $"in {scope.Location}" : $"in {scope.Location} under path_prefix \"{scope.Prefix}\"";
        var ignored = scope.Ignored switch
        {
            { Total: 0 } => "",
            { Total: 1, OtherFileType: 1 } => $" (1 other object there does not end in {scope.Ignored.Extensions})",
            { Total: var n, OtherFileType: var m } when n == m => string.Create(CultureInfo.InvariantCulture, $" ({n} other objects there do not end in {scope.Ignored.Extensions})"),
            var some => $" (other objects there are ignored: {some.Describe()})",
        };
        return scope.Tables == 0
            ? $"{goSdkText}: there are no {Wanted(scope.Ignored)} {where}{ignored}; check the bucket or folder and path_prefix"
            : string.Create(CultureInfo.InvariantCulture, $"{goSdkText} among the {scope.Tables} tables found {where}");
    }

    private static string Wanted(Discovery.IgnoredObjects ignored) =>
        ignored.Extensions == ".parquet" ? "Parquet objects" : $"objects ending in {ignored.Extensions}";
}
