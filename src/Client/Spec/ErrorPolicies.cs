namespace CqSourceS3.Client.Spec;

/// <summary>The values of <c>error_policy</c>.</summary>
public static class ErrorPolicies
{
    /// <summary>An unreadable object is skipped with a warning; the rest of its table is read.</summary>
    public const string Skip = "skip";

    /// <summary>An unreadable object stops its table with an error; its cursor does not move.</summary>
    public const string Fail = "fail";
}
