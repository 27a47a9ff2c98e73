namespace CqSourceS3.Naming;

/// <summary>
/// Recognizes keys that writers leave behind but readers must skip: staging folders, commit markers,
/// checksums, metadata logs and half-copied files. Spark, Hive and Hadoop's <c>FileInputFormat</c>
/// apply the same rule, so a lake they wrote reads here as it reads there.
/// </summary>
/// <remarks>
/// A key is hidden when any of its segments, folders and file name alike:
/// <list type="bullet">
/// <item>starts with <c>.</c> (<c>.spark-staging/</c>, <c>.part-0.parquet.crc</c>);</item>
/// <item>starts with <c>_</c> and contains no <c>=</c> (<c>_temporary/</c>, <c>_SUCCESS</c>,
/// <c>_delta_log/</c>, <c>_committed_123</c>); <c>_x=1/</c> is a partition folder and stays
/// visible;</item>
/// </list>
/// or when its file name ends in <c>._COPYING_</c>, the name <c>hadoop fs -cp</c> and
/// <c>-put</c> give a file until it is complete. Naming ignores all this: callers filter hidden keys
/// out before grouping and can report why with <see cref="Reason"/>.
/// </remarks>
public static class HiddenKeys
{
    internal const string CopyingSuffix = "._COPYING_";

    /// <summary>
    /// Null when <paramref name="key"/> is not hidden; otherwise a short reason to show users, naming
    /// the first offending segment, e.g. <c>temporary or metadata segment "_temporary"</c>.
    /// </summary>
    public static string? Reason(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var start = 0;
        while (true)
        {
            var end = key.IndexOf('/', start);
            var segment = key.AsSpan(start, (end < 0 ? key.Length : end) - start);
            if (segment.StartsWith('.'))
            {
                return $"hidden segment \"{segment}\"";
            }

            if (segment.StartsWith('_') && !segment.Contains('='))
            {
                return $"temporary or metadata segment \"{segment}\"";
            }

            if (end < 0)
            {
                return segment.EndsWith(CopyingSuffix, StringComparison.Ordinal)
                    ? $"copy in progress (\"{CopyingSuffix}\")"
                    : null;
            }

            start = end + 1;
        }
    }
}
