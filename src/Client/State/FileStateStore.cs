using System.Text.Json;

namespace CqSourceS3.Client.State;

/// <summary>
/// Cursors kept in a local JSON file (<c>sync --state FILE</c>), with the state backend's semantics: values are read
/// once at open, changes stay pending until <see cref="FlushAsync"/>, which replaces the file atomically (write to a
/// temporary file, then rename), so a failed or interrupted sync leaves the previous state intact.
/// </summary>
public sealed class FileStateStore : IStateStore
{
    private readonly string _path;
    private readonly Dictionary<string, string> _values;
    private bool _dirty;

    private FileStateStore(string path, Dictionary<string, string> values)
    {
        _path = path;
        _values = values;
    }

    /// <summary>Opens (or starts) the state file at <paramref name="path"/>.</summary>
    /// <exception cref="StateStoreException">The file exists but is not a JSON object of strings.</exception>
    public static async Task<FileStateStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return new FileStateStore(full, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        try
        {
            var file = File.OpenRead(full);
            await using var closing = file.ConfigureAwait(false);
            var values = await JsonSerializer.DeserializeAsync(file, Json.DictionaryStringString, cancellationToken).ConfigureAwait(false);
            return new FileStateStore(full, new Dictionary<string, string>(values ?? [], StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new StateStoreException(full, "", $"state file \"{full}\" is not a JSON object of string values: {e.Message}; fix or delete it (deleting resyncs everything)", e);
        }
    }

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken ct) =>
        Task.FromResult(_values.TryGetValue(key, out var value) ? value : null);

    /// <inheritdoc />
    public Task SetAsync(string key, string value, CancellationToken ct)
    {
        if (!_values.TryGetValue(key, out var current) || current != value)
        {
            _values[key] = value;
            _dirty = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken ct)
    {
        if (!_dirty)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        var file = File.Create(temporary);
        await using (file.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(file, new SortedDictionary<string, string>(_values, StringComparer.Ordinal), Json.SortedDictionaryStringString, ct).ConfigureAwait(false);
        }

        File.Move(temporary, _path, overwrite: true);
        _dirty = false;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly StateJsonContext Json = new(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
