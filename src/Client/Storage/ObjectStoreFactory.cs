using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Storage;

/// <summary>Picks the store a spec names: a local folder or an S3 bucket (credentials resolved here, no request sent).</summary>
public static class ObjectStoreFactory
{
    public static async Task<IObjectStore> CreateAsync(SourceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.IsLocal)
        {
            return new LocalFolderStore(spec.LocalPath!);
        }

        return await S3ObjectStore.CreateAsync(ToS3Options(spec), cancellationToken).ConfigureAwait(false);
    }

    public static S3StoreOptions ToS3Options(SourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new S3StoreOptions(spec.Bucket!, spec.Region, spec.Endpoint, spec.UsePathStyle, spec.NoSignRequest, spec.LocalProfile);
    }
}
