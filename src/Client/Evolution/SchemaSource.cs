using Apache.Arrow;

namespace CqSourceS3.Client.Evolution;

/// <summary>One object's footer schema, with its key, for the union: the key is what conflict messages name.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="Schema">Its footer schema, normalized. Objects whose footers came from the cache may share one instance.</param>
public sealed record SchemaSource(string Key, Schema Schema);
