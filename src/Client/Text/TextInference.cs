using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>What inference learned from the start of one text object.</summary>
/// <param name="Schema">The object's columns in file order, each a field made by <see cref="TextTypes.ToField"/>.</param>
/// <param name="RowsRead">Data rows inference looked at (header excluded): at most <c>infer_rows</c>.</param>
/// <param name="ReachedEnd">True when inference read the whole object, so <paramref name="RowsRead"/> is its exact row count.</param>
internal sealed record TextInference(Schema Schema, long RowsRead, bool ReachedEnd);
