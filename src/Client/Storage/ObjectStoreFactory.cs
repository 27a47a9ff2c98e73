using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Storage;

/// <summary>Picks the store a spec names: a local folder or an S3 bucket.</summary>
internal static class ObjectStoreFactory
{
    public static IObjectStore Create(SourceSpec spec) => spec.IsLocal
        ? new LocalFolderStore(spec.LocalPath!)
        : throw new NotSupportedException("S3 store pending");
}
