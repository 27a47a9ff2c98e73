namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>A fresh empty folder under the temp directory, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("cq-s3-e2e-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
