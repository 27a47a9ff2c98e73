using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Logging;

/// <summary>
/// Formats one log event as one line and writes it to stdout under a lock, so lines from parallel readers never
/// interleave. JSON lines follow zerolog's shape (<c>level</c>, <c>message</c>, <c>module</c>, fields) because the
/// CloudQuery CLI parses them; they stay under 4096 bytes because the CLI drops longer lines.
/// </summary>
internal sealed class LogLineWriter(TextWriter output, LogFormat format)
{
    /// <summary>The CLI reads lines with a 4096-byte buffer; stay well under it.</summary>
    internal const int MaxLineBytes = 4000;

    /// <summary>Keep quotes and non-ASCII readable (<c>\"</c>, not <c>\u0022</c>), as zerolog writes them; it is still valid JSON.</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _lock = new();

    public void Write(LogLevel level, string category, string message, IReadOnlyList<KeyValuePair<string, object?>> fields, Exception? exception)
    {
        var line = format == LogFormat.Json
            ? JsonLine(level, message, fields, exception)
            : TextLine(level, category, message, fields, exception);
        lock (_lock)
        {
            output.Write(line);
            output.Write('\n');
            output.Flush();
        }
    }

    private static string JsonLine(LogLevel level, string message, IReadOnlyList<KeyValuePair<string, object?>> fields, Exception? exception)
    {
        // Try at full length first; if the line is too long, shorten every string value until it fits.
        for (var limit = int.MaxValue; ; limit = limit == int.MaxValue ? 1024 : limit / 2)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer, JsonOptions))
            {
                json.WriteStartObject();
                json.WriteString("level", LogLevels.NameOf(level));
                json.WriteString("module", Plugin.PluginInfo.LogModule);
                json.WriteString("message", Cut(message, limit));
                foreach (var (key, value) in fields)
                {
                    WriteField(json, key, value, limit);
                }

                if (exception is not null)
                {
                    json.WriteString("error", Cut(exception.Message, limit));
                }

                json.WriteEndObject();
            }

            if (buffer.WrittenCount <= MaxLineBytes || limit < 16)
            {
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
        }
    }

    private static void WriteField(Utf8JsonWriter json, string key, object? value, int limit)
    {
        var name = key switch
        {
            "level" or "module" or "message" => "field_" + key,
            _ => ToSnakeCase(key),
        };
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool b:
                json.WriteBoolean(name, b);
                break;
            case int or long or short or byte or uint or ulong or ushort:
                json.WriteNumber(name, Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(name, d);
                break;
            case TimeSpan span:
                json.WriteNumber(name + "_ms", Math.Round(span.TotalMilliseconds, 3));
                break;
            case DateTimeOffset time:
                json.WriteString(name, time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, Cut(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", limit));
                break;
        }
    }

    private static string TextLine(LogLevel level, string category, string message, IReadOnlyList<KeyValuePair<string, object?>> fields, Exception? exception)
    {
        var text = new StringBuilder();
        text.Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))
            .Append(' ').Append(LogLevels.NameOf(level).ToUpperInvariant().PadRight(5))
            .Append(' ').Append(message);
        foreach (var (key, value) in fields)
        {
            text.Append(' ').Append(ToSnakeCase(key)).Append('=').Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (exception is not null)
        {
            text.Append(" error=\"").Append(exception.Message).Append('"');
        }

        text.Append(" module=").Append(category.StartsWith("Microsoft", StringComparison.Ordinal) ? category : Plugin.PluginInfo.LogModule);
        return text.ToString();
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), "…");

    /// <summary>Structured placeholders are PascalCase ({Table}); zerolog fields are snake_case (table).</summary>
    internal static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
