namespace CqSourceS3.Tests.Shared;

/// <summary>Finds the repository root and the shared conformance corpus next to it.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding CqSourceS3.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// <c>../shared/testdata</c> beside the repository: the Parquet conformance corpus. It is not committed;
    /// tests that need it say they were skipped when it is absent (e.g. on a user's fresh clone).
    /// </summary>
    public static string? SharedTestData
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CQ_S3_TESTDATA") ?? Path.Combine(Root, "..", "shared", "testdata");
            return Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CqSourceS3.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CqSourceS3.sln not found above {AppContext.BaseDirectory}");
    }
}
