using System.Text.Json.Serialization;

namespace CqSourceS3.Client.State;

/// <summary>
/// The state file's JSON (one object of string values), generated at compile time for the Native AOT build; the
/// store gives it its options (indented, non-ASCII kept readable).
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
