using System.Text.Json;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Where one complete JSON value (or a key) lies in its line: a string with its quotes, a number as written, an object
/// or array from its opening to its closing bracket. Kept as offsets so a value is converted (or copied) only once
/// its column is known, and never becomes a string on the way.
/// </summary>
/// <param name="Start">The offset of the value's first byte in the line.</param>
/// <param name="Length">The value's length in bytes.</param>
/// <param name="Kind">The value's first token: a string, a number, true, false, null, the start of an object or array; or a key's property name.</param>
/// <param name="Escaped">For a string or key: whether it holds escape sequences, so its text must be unescaped first.</param>
internal readonly record struct JsonToken(int Start, int Length, JsonTokenType Kind, bool Escaped)
{
    /// <summary>The value's bytes within <paramref name="line"/>, exactly as written.</summary>
    public ReadOnlySpan<byte> In(ReadOnlySpan<byte> line) => line.Slice(Start, Length);
}
