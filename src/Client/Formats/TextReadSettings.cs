using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Text;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// The spec's <c>csv:</c> and <c>jsonl:</c> sections turned into the options each text object is parsed with,
/// and the fingerprint that ties a cached schema to the options it was inferred under.
/// </summary>
internal sealed class TextReadSettings
{
    private readonly CsvOptions _csv;
    private readonly bool _delimiterSet;
    // Made once: a repeated discovery compares one per cached object.
    private readonly string _csvFingerprint;
    private readonly string _tsvFingerprint;
    private readonly string _jsonLinesFingerprint;

    private TextReadSettings(CsvOptions csv, bool delimiterSet, JsonLinesOptions jsonLines, string csvFingerprint, string jsonLinesFingerprint)
    {
        _csv = csv;
        _delimiterSet = delimiterSet;
        JsonLines = jsonLines;
        _csvFingerprint = "csv:" + csvFingerprint;
        _tsvFingerprint = "tsv:" + csvFingerprint;
        _jsonLinesFingerprint = "jsonl:" + jsonLinesFingerprint;
    }

    /// <summary>Options for JSON Lines objects.</summary>
    public JsonLinesOptions JsonLines { get; }

    /// <summary>The settings of <paramref name="spec"/>.</summary>
    public static TextReadSettings For(SourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var csv = spec.Csv;
        var options = new CsvOptions
        {
            Delimiter = csv.Delimiter is { } delimiter ? delimiter[0] : ',',
            Quote = csv.Quote[0],
            Escape = csv.Escape is { } escape ? escape[0] : null,
            Header = csv.Header,
            ColumnNames = csv.ColumnNames,
            SkipRows = csv.SkipRows,
            NullValues = csv.NullValues,
            InferTypes = csv.Types == TextTypeNames.Infer,
            InferRows = csv.InferRows,
            ColumnTypes = csv.ColumnTypes.ToDictionary(c => c.Key, c => TextTypes.Names[c.Value], StringComparer.Ordinal),
        };
        var jsonLines = new JsonLinesOptions
        {
            Raw = spec.Jsonl.Mode == TextTypeNames.Raw,
            InferRows = spec.Jsonl.InferRows,
            MaxLineBytes = spec.Jsonl.MaxLineBytes,
        };
        return new TextReadSettings(options, csv.Delimiter is not null, jsonLines, Fingerprint(csv), Fingerprint(spec.Jsonl));
    }

    /// <summary>Options for a CSV object: a <c>.tsv</c> object's delimiter is a tab unless the spec sets one.</summary>
    public CsvOptions CsvFor(ObjectExtension extension) =>
        extension.TabSeparated && !_delimiterSet ? _csv with { Delimiter = '\t' } : _csv;

    /// <summary>What the cached schema of an object with <paramref name="extension"/> must have been inferred under.</summary>
    public string FingerprintOf(ObjectExtension extension) => extension.Format switch
    {
        ObjectFormats.Csv => extension.TabSeparated ? _tsvFingerprint : _csvFingerprint,
        ObjectFormats.JsonLines => _jsonLinesFingerprint,
        _ => "",
    };

    private static string Fingerprint<T>(T section) => JsonSerializer.Serialize(section, (JsonTypeInfo<T>)SpecReader.JsonOptions.GetTypeInfo(typeof(T)));
}
