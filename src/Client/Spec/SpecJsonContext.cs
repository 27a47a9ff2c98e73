using System.Text.Json.Serialization;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The spec's JSON metadata, generated at compile time: the release build is compiled ahead of time (Native AOT),
/// where reflection-based serialization cannot build constructors or setters at run time. Every type a spec value
/// can have is listed, so the reader, the schema and the option table see the same shapes in every build.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SourceSpec))]
[JsonSerializable(typeof(CsvSpec))]
[JsonSerializable(typeof(JsonLinesSpec))]
[JsonSerializable(typeof(TableRuleSpec))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<TableRuleSpec>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class SpecJsonContext : JsonSerializerContext;
