namespace CqSourceS3.Client.Sync;

/// <summary>A <c>tables</c> or <c>skip_tables</c> pattern matched no known table.</summary>
public sealed class TableFilterException : Exception
{
    public TableFilterException(string option, string pattern)
        : base($"{option} include a pattern {pattern} with no matches")
    {
        Option = option;
        Pattern = pattern;
    }

    /// <summary>The option the pattern came from: <c>tables</c> or <c>skip_tables</c>.</summary>
    public string Option { get; }

    /// <summary>The pattern that matched nothing.</summary>
    public string Pattern { get; }
}
