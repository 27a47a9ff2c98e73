using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CqSourceS3.Client.State;

/// <summary>
/// The stored text of a <see cref="TableCursor"/>, version 1:
/// <code>
/// {"v":1,"watermark":"2026-01-01T10:00:00Z","window_start":"2026-01-01T09:00:00Z",
///  "recent":{"sales/2026/a.parquet":{"last_modified":"2026-01-01T09:59:59Z","etag":"9b2cf535f27731c974343645a3985328"}}}
/// </code>
/// <c>v</c> is the format version; an empty cursor is <c>{"v":1}</c>. Times are UTC, RFC 3339 with a <c>Z</c> and up
/// to seven fraction digits (100 ns, what .NET keeps). <c>etag</c> and <c>version_id</c> appear only when the store
/// reported them. Recent keys are written in ordinal order so that equal cursors give equal text. Reading is strict
/// (unknown fields, duplicate fields, entries outside the window are errors): a cursor that is not exactly understood
/// must stop the sync rather than risk a gap.
/// </summary>
internal static class TableCursorFormat
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>Writes <paramref name="cursor"/> as its version-1 JSON text.</summary>
    public static string Write(TableCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            if (cursor.Watermark is { } watermark && cursor.WindowStart is { } windowStart)
            {
                json.WriteString("watermark", FormatTime(watermark));
                json.WriteString("window_start", FormatTime(windowStart));
                json.WriteStartObject("recent");
                foreach (var (key, synced) in cursor.Recent.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                {
                    json.WriteStartObject(key);
                    json.WriteString("last_modified", FormatTime(synced.LastModified));
                    WriteIfPresent(json, "etag", synced.ETag);
                    WriteIfPresent(json, "version_id", synced.VersionId);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a stored value; null or "" is <see cref="TableCursor.Empty"/>.</summary>
    /// <exception cref="CursorStateException">The value is not a version-1 cursor.</exception>
    public static TableCursor Parse(string stateKey, string? value)
    {
        ArgumentNullException.ThrowIfNull(stateKey);
        if (string.IsNullOrEmpty(value))
        {
            return TableCursor.Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new CursorStateException(stateKey, $"the value is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            return Read(new CursorFields(stateKey, document.RootElement));
        }
    }

    private static TableCursor Read(CursorFields fields)
    {
        var root = fields.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw fields.Fail($"the value is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
        {
            throw fields.Fail("the value has no integer format version \"v\"");
        }

        if (number != Version)
        {
            throw fields.Fail($"the value has format version {number}, but this plugin reads only version {Version} "
                + "(was it written by a different plugin version?)");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("v" or "watermark" or "window_start" or "recent"))
            {
                throw fields.Fail($"unknown field \"{property.Name}\"");
            }
        }

        var watermark = fields.OptionalTime(root, "watermark", "watermark");
        var windowStart = fields.OptionalTime(root, "window_start", "window_start");
        if (watermark is null != windowStart is null)
        {
            throw fields.Fail("\"watermark\" and \"window_start\" must be both present or both absent");
        }

        if (windowStart > watermark)
        {
            throw fields.Fail($"window_start {FormatTime(windowStart!.Value)} is after watermark {FormatTime(watermark!.Value)}");
        }

        var recent = ReadRecent(fields, watermark, windowStart);
        return TableCursor.Create(watermark, windowStart, recent);
    }

    private static Dictionary<string, SyncedObject> ReadRecent(CursorFields fields, DateTimeOffset? watermark, DateTimeOffset? windowStart)
    {
        var recent = new Dictionary<string, SyncedObject>(StringComparer.Ordinal);
        if (!fields.Root.TryGetProperty("recent", out var entries))
        {
            return recent;
        }

        if (entries.ValueKind != JsonValueKind.Object)
        {
            throw fields.Fail("\"recent\" is not an object");
        }

        foreach (var entry in entries.EnumerateObject())
        {
            var where = $"recent[\"{entry.Name}\"]";
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw fields.Fail($"{where} is not an object");
            }

            foreach (var property in entry.Value.EnumerateObject())
            {
                if (property.Name is not ("last_modified" or "etag" or "version_id"))
                {
                    throw fields.Fail($"{where} has an unknown field \"{property.Name}\"");
                }
            }

            var lastModified = fields.OptionalTime(entry.Value, "last_modified", $"{where}.last_modified")
                ?? throw fields.Fail($"{where} has no last_modified");
            if (lastModified < windowStart || lastModified > watermark || watermark is null)
            {
                throw fields.Fail($"{where}.last_modified {FormatTime(lastModified)} lies outside the window [window_start, watermark]");
            }

            recent[entry.Name] = new SyncedObject(lastModified,
                fields.OptionalString(entry.Value, "etag", $"{where}.etag"),
                fields.OptionalString(entry.Value, "version_id", $"{where}.version_id"));
        }

        return recent;
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Typed access to the fields of one value, failing with messages that name the state key and the field.</summary>
    private readonly record struct CursorFields(string StateKey, JsonElement Root)
    {
        public CursorStateException Fail(string problem) => new(StateKey, problem);

        public DateTimeOffset? OptionalTime(JsonElement parent, string name, string where)
        {
            var text = OptionalString(parent, name, where);
            if (text is null)
            {
                return null;
            }

            if (!DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw Fail($"{where} \"{text}\" is not a UTC time like 2026-01-01T10:00:00Z");
            }

            return time;
        }

        public string? OptionalString(JsonElement parent, string name, string where)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail($"{where} is not a string");
        }
    }
}
