namespace CqSourceS3.Client.Text;

/// <summary>
/// The column types inference chooses among for CSV and JSON Lines objects, and the Arrow type each becomes
/// (<see cref="TextTypes.ToField"/>). <see cref="Empty"/> means no value seen yet: it widens to whatever comes next,
/// and a column that stays empty is read as <see cref="Utf8"/>.
/// </summary>
internal enum TextType : byte
{
    /// <summary>Only nulls (or nothing) seen so far.</summary>
    Empty,

    /// <summary><c>true</c> / <c>false</c> (any case): Arrow bool.</summary>
    Bool,

    /// <summary>A whole number in the int64 range: Arrow int64.</summary>
    Int64,

    /// <summary>A decimal or exponent number, or an integer column that also holds such numbers: Arrow float64.</summary>
    Float64,

    /// <summary><c>yyyy-MM-dd</c>: Arrow date32.</summary>
    Date,

    /// <summary>An ISO 8601 / RFC 3339 date and time (a value without offset is UTC): Arrow timestamp[us, UTC].</summary>
    Timestamp,

    /// <summary>Anything else: Arrow utf8.</summary>
    Utf8,

    /// <summary>A JSON object or array (JSON Lines only), or a JSON Lines column mixing kinds: CloudQuery's <c>json</c> type.</summary>
    Json,
}
