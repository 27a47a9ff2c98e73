namespace CqSourceS3.Plugin.Packaging;

/// <summary>What <c>cq-source-s3 package</c> was asked to do, with the Go SDK's arguments and defaults.</summary>
/// <param name="Message">What is new in this version (Markdown); already read from the file for <c>-m @file</c>.</param>
/// <param name="Version">The release version, <c>v</c>-prefixed as the CLI's <c>version:</c> field must be.</param>
/// <param name="BinariesDirectory">Holds the built executables, <c>plugin-s3-&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;[.exe]</c>.</param>
/// <param name="DistDirectory">Where the package is written (created if missing).</param>
/// <param name="DocsDirectory">Whose top-level <c>*.md</c> files become the Hub's documentation pages.</param>
internal sealed record PackageRequest(string Message, string Version, string BinariesDirectory, string DistDirectory, string DocsDirectory);
