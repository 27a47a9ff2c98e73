using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// What discovery learned from each footer (schema, row and row-group counts, sizes), kept by object key and
/// valid only for the exact object it was read from: same size, LastModified, ETag and version. A discovery that
/// finds an object unchanged takes its facts from here instead of reading its footer again.
/// </summary>
/// <remarks>
/// Discovery of 10,000 small objects read 10,000 footers on every run, about one GET each, while the listing
/// alone took one request per 1,000 keys. Object keys are not reused with other content without the size,
/// LastModified or ETag changing (an S3 overwrite always stamps a new LastModified), so a hit can only return the
/// facts of the same bytes. One cache lives as long as its <see cref="SourceClient"/>, which also lets Sync reuse
/// what GetTables read. With a <see cref="FooterCacheFile"/> it also outlives the process; a cache that cannot be
/// read or written is logged and ignored, never a reason to fail.
/// </remarks>
internal sealed class FooterCache
{
    private readonly ConcurrentDictionary<string, ObjectFileInfo> _entries = new(StringComparer.Ordinal);
    private readonly FooterCacheFile? _file;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _loaded;
    private bool _changed;

    private FooterCache(FooterCacheFile? file, ILogger logger)
    {
        _file = file;
        _logger = logger;
        _loaded = file is null;
    }

    /// <summary>Entries currently held.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The cache <paramref name="spec"/> asks for, for objects of <paramref name="location"/>: kept in a file under
    /// <c>footer_cache_dir</c> (default <see cref="FooterCacheFile.DefaultDirectory"/>), or in memory only when
    /// <c>footer_cache</c> is off.
    /// </summary>
    public static FooterCache For(SourceSpec spec, string location, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.FooterCache
            ? Persistent(FooterCacheFile.For(spec.FooterCacheDir ?? FooterCacheFile.DefaultDirectory(), location, spec.PathPrefix), logger)
            : InMemory(logger);
    }

    /// <summary>A cache for the life of the process only.</summary>
    public static FooterCache InMemory(ILogger logger) => new(null, logger);

    /// <summary>A cache loaded from and saved to <paramref name="file"/>.</summary>
    public static FooterCache Persistent(FooterCacheFile file, ILogger logger) => new(file, logger);

    /// <summary>Reads the cache file on a pool thread, so that it loads while the listing runs.</summary>
    public Task PreloadAsync() => Volatile.Read(ref _loaded) ? Task.CompletedTask : Task.Run(EnsureLoaded);

    /// <summary>The cached facts of <paramref name="obj"/>, if they were read from this very version of it.</summary>
    public bool TryGet(StoredObject obj, [NotNullWhen(true)] out ObjectFileInfo? info)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureLoaded();
        // Record equality: key, size, LastModified (as an instant), ETag and version all match.
        if (_entries.TryGetValue(obj.Key, out var cached) && cached.StoredObject == obj)
        {
            // The listed object, not the cached one: equal in every field that identifies the bytes.
            info = cached with { StoredObject = obj };
            return true;
        }

        info = null;
        return false;
    }

    /// <summary>Remembers facts just read from a footer.</summary>
    public void Put(ObjectFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        _entries[info.StoredObject.Key] = info;
        _changed = true;
    }

    /// <summary>
    /// Drops every entry whose key was not listed by the discovery that just ran (deleted objects), then writes
    /// the file if anything changed.
    /// </summary>
    public void Commit(IReadOnlyCollection<string> listedKeys)
    {
        ArgumentNullException.ThrowIfNull(listedKeys);
        var listed = listedKeys as ISet<string> ?? new HashSet<string>(listedKeys, StringComparer.Ordinal);
        foreach (var key in _entries.Keys)
        {
            if (!listed.Contains(key))
            {
                _changed |= _entries.TryRemove(key, out _);
            }
        }

        if (_file is null || !_changed)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                var written = _file.Write(_entries.Values);
                _changed = false;
                ClientLog.FooterCacheSaved(_logger, written, _file.Path);
            }
            catch (Exception e) when (IsCacheFailure(e))
            {
                ClientLog.FooterCacheUnusable(_logger, _file.Path, e.Message);
            }
        }
    }

    // Whatever goes wrong with the file (I/O, permissions, a path the OS rejects, corrupt bytes) only costs the
    // footer reads it would have saved; running out of memory is not the cache's to hide.
    private static bool IsCacheFailure(Exception e) => e is not (OutOfMemoryException or OperationCanceledException);

    private void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        lock (_gate)
        {
            if (_loaded)
            {
                return;
            }

            try
            {
                foreach (var info in _file!.Read())
                {
                    _entries.TryAdd(info.StoredObject.Key, info);
                }

                ClientLog.FooterCacheLoaded(_logger, _entries.Count, _file.Path);
            }
            catch (Exception e) when (IsCacheFailure(e))
            {
                ClientLog.FooterCacheUnusable(_logger, _file!.Path, e.Message);
            }

            Volatile.Write(ref _loaded, true);
        }
    }
}
