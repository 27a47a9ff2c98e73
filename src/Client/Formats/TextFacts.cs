using CqSourceS3.Naming;

namespace CqSourceS3.Client.Formats;

/// <summary>How a text object's schema was inferred, kept with it in the footer cache.</summary>
/// <param name="Format">CSV or JSON Lines.</param>
/// <param name="Compression">How its bytes are compressed.</param>
/// <param name="Settings">
/// The parsing options inference ran under, as text (<see cref="TextReadSettings.FingerprintOf"/>): a cached schema is
/// used only under the same options, so changing <c>csv.delimiter</c> infers again instead of reusing a wrong schema.
/// </param>
/// <param name="RowsExact">True when inference read the whole object, so the row count is exact.</param>
public sealed record TextFacts(ObjectFormats Format, ObjectCompression Compression, string Settings, bool RowsExact);
