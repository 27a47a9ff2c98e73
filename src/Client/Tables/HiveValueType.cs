namespace CqSourceS3.Client.Tables;

/// <summary>
/// The type a hive partition column's values are parsed as (the spec's <c>hive_types</c>). Partition values
/// are text in the key; without a declared type they stay <see cref="Utf8"/>, so <c>05</c> is never silently
/// turned into the number 5.
/// </summary>
internal enum HiveValueType
{
    /// <summary>The text as it is (spec name <c>utf8</c>).</summary>
    Utf8,

    /// <summary>A 32-bit signed integer (spec name <c>int32</c>).</summary>
    Int32,

    /// <summary>A 64-bit signed integer (spec name <c>int64</c>).</summary>
    Int64,

    /// <summary>A double (spec name <c>float64</c>).</summary>
    Float64,

    /// <summary><c>true</c> or <c>false</c> (spec name <c>bool</c>).</summary>
    Bool,

    /// <summary>A calendar date <c>yyyy-MM-dd</c> (spec name <c>date32</c>).</summary>
    Date32,

    /// <summary>An instant, stored as timestamp[us, UTC] (spec name <c>timestamp</c>).</summary>
    Timestamp,
}
