using System.Diagnostics.CodeAnalysis;

namespace CqSourceS3.Client.Spec;

/// <summary>The types <c>hive_types</c> may give a partition column (a column not named there is <see cref="Utf8"/>).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are the spec's words for Arrow types, which are type names.")]
public static class HiveColumnTypes
{
    public const string Utf8 = "utf8";

    public const string Int32 = "int32";

    public const string Int64 = "int64";

    public const string Float64 = "float64";

    public const string Bool = "bool";

    public const string Date32 = "date32";

    /// <summary>timestamp[us, UTC].</summary>
    public const string Timestamp = "timestamp";
}
