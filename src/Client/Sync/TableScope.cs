namespace CqSourceS3.Client.Sync;

/// <summary>Where a table selection looked, for its errors: the listed location and prefix and what they held.</summary>
/// <param name="Location">The bucket (<c>s3://bucket</c>) or folder that was listed.</param>
/// <param name="Prefix">The <c>path_prefix</c> of the listing; empty for the whole location.</param>
/// <param name="Tables">How many tables were found there.</param>
/// <param name="Ignored">The listed objects that belong to no table, by reason.</param>
public sealed record TableScope(string Location, string Prefix, int Tables, Discovery.IgnoredObjects Ignored);
