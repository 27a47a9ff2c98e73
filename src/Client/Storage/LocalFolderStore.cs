using System.Runtime.CompilerServices;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// A folder on disk used as a bucket: keys are paths relative to the folder with <c>/</c> separators,
/// LastModified is the file's write time. Lets users sync without a cloud account.
/// </summary>
public sealed class LocalFolderStore : IObjectStore
{
    private readonly string _root;

    public LocalFolderStore(string folder)
    {
        _root = Path.GetFullPath(folder);
    }

    /// <inheritdoc />
    public string Location => _root;

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EnsureFolderExists();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var objects = new List<StoredObject>();
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                objects.Add(ToStoredObject(key, file));
            }
        }

        // S3 lists in UTF-8 byte order; ordinal order of UTF-16 strings matches it for all but surrogate pairs.
        objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var obj in objects)
        {
            yield return obj;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var path = PathOf(obj.Key);
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous);
            file.Seek(offset, SeekOrigin.Begin);
            return Task.FromResult<Stream>(new BoundedReadStream(file, length));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreException(StoreFailure.ObjectNotFound, _root, obj.Key, $"object '{obj.Key}' no longer exists in folder '{_root}'", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException(StoreFailure.AccessDenied, _root, obj.Key, $"cannot read '{obj.Key}' in folder '{_root}': access denied", e);
        }
    }

    /// <inheritdoc />
    public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken)
    {
        EnsureFolderExists();
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(_root).GetEnumerator();
            entries.MoveNext();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException(StoreFailure.AccessDenied, _root, null, $"folder '{_root}' cannot be listed: access denied", e);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void EnsureFolderExists()
    {
        if (!Directory.Exists(_root))
        {
            throw new StoreException(StoreFailure.BucketNotFound, _root, null, $"local_path folder '{_root}' does not exist");
        }
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));

    private static StoredObject ToStoredObject(string key, FileInfo file) =>
        new(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
            ETag: $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}");
}
