using CqSourceS3.Plugin.Tests.Telemetry.Otlp;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>Reads attributes and ids out of decoded OTLP messages.</summary>
internal static class OtlpValues
{
    /// <summary>The attribute's value as a CLR value (string, long, double or bool), or null when absent.</summary>
    public static object? Get(this RepeatedField<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key)?.Value is { } value ? ValueOf(value) : null;

    public static object? ValueOf(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        _ => null,
    };

    public static string Hex(ByteString id) => Convert.ToHexString(id.Span);

    /// <summary>
    /// The total of a cumulative integer sum per value of <paramref name="key"/>: the largest point seen, since
    /// every export repeats the running total.
    /// </summary>
    public static Dictionary<string, long> TotalsBy(IEnumerable<Metric> metrics, string name, string key) =>
        metrics.Where(m => m.Name == name)
            .SelectMany(m => m.Sum.DataPoints)
            .GroupBy(p => p.Attributes.Get(key) as string ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(p => p.AsInt), StringComparer.Ordinal);
}
