using System.Runtime.CompilerServices;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// A folder on disk used as a bucket: keys are paths relative to the folder with <c>/</c> separators,
/// LastModified is the file's write time. Lets users sync without a cloud account.
/// </summary>
public sealed class LocalFolderStore : IObjectStore, IDirectRangeReader
{
    private readonly string _root;

    public LocalFolderStore(string folder)
    {
        _root = Path.GetFullPath(folder);
    }

    /// <inheritdoc />
    public string Location => _root;

    /// <inheritdoc />
    /// <remarks>
    /// The folder is walked one level at a time, so that a subfolder that cannot be listed is named: its objects are
    /// unknown, and a sync that went on without them could move a cursor past them, so the listing fails.
    /// </remarks>
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EnsureFolderExists();
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var objects = new List<StoredObject>();
        var folders = new Stack<DirectoryInfo>([new DirectoryInfo(_root)]);
        while (folders.TryPop(out var folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in Entries(folder, options))
            {
                if (entry is DirectoryInfo child)
                {
                    // Linked folders are not followed (as a recursive enumeration does not): a link cannot loop us.
                    if (child.LinkTarget is null)
                    {
                        folders.Push(child);
                    }

                    continue;
                }

                var key = Path.GetRelativePath(_root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    objects.Add(ToStoredObject(key, (FileInfo)entry));
                }
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
    /// <remarks>
    /// A file that cannot be opened for want of permission or of open files, or that fails with an I/O error, is a
    /// transient failure of that one object: it says nothing about its bytes, and the next run reads it again.
    /// </remarks>
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
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new StoreException(StoreFailure.Transient, _root, obj.Key,
                $"cannot read '{obj.Key}' in folder '{_root}': {LocalFailure.Describe(e)}; it is read again next run", e);
        }
    }

    /// <inheritdoc cref="IDirectRangeReader.ReadRange" />
    void IDirectRangeReader.ReadRange(StoredObject obj, long offset, Span<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(obj.Key);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var done = 0;
            while (done < destination.Length)
            {
                var read = RandomAccess.Read(file, destination[done..], offset + done);
                if (read == 0)
                {
                    throw ShortRead.Of(obj.Key, offset, done, destination.Length);
                }

                done += read;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreException(StoreFailure.ObjectNotFound, _root, obj.Key, $"object '{obj.Key}' no longer exists in folder '{_root}'", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or (IOException and not EndOfStreamException))
        {
            throw new StoreException(StoreFailure.Transient, _root, obj.Key,
                $"cannot read '{obj.Key}' in folder '{_root}': {LocalFailure.Describe(e)}; it is read again next run", e);
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
        if (File.Exists(_root))
        {
            throw new StoreException(StoreFailure.BucketNotFound, _root, null,
                $"local_path '{_root}' is a file, not a folder: set local_path to the folder that holds the Parquet files");
        }

        if (!Directory.Exists(_root))
        {
            throw new StoreException(StoreFailure.BucketNotFound, _root, null, $"local_path folder '{_root}' does not exist");
        }
    }

    /// <summary>The entries of one folder, read in full so that a failure is that folder's.</summary>
    private List<FileSystemInfo> Entries(DirectoryInfo folder, EnumerationOptions options)
    {
        try
        {
            return [.. folder.EnumerateFileSystemInfos("*", options)];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var name = folder.FullName == _root ? "local_path" : $"subfolder '{Path.GetRelativePath(_root, folder.FullName).Replace(Path.DirectorySeparatorChar, '/')}/'";
            throw new StoreException(e is UnauthorizedAccessException ? StoreFailure.AccessDenied : StoreFailure.Unknown, _root, null,
                $"{name} of folder '{_root}' cannot be listed: {LocalFailure.Describe(e)}; its objects are unknown, so the sync stops and no cursor moves", e);
        }
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));

    private static StoredObject ToStoredObject(string key, FileInfo file) =>
        new(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
            ETag: $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}");
}
