using System.ComponentModel;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Spec;

/// <summary>The <c>jsonl:</c> section of the spec: how JSON Lines objects are read. Each option's text is its <see cref="DescriptionAttribute"/>.</summary>
public sealed record JsonLinesSpec
{
    /// <summary>The <c>jsonl.mode</c> option, documented by its Description.</summary>
    [Description("`columns`: every line is a JSON object whose top-level keys become columns, typed from the first `infer_rows` lines as for CSV (objects and arrays become CloudQuery's `json` type); keys first seen after those lines go into a `_extra` json column rather than being dropped. `raw`: one `data` json column holding each line, which never breaks when the objects change.")]
    [SpecAllowedValues(TextTypeNames.Columns, TextTypeNames.Raw)]
    public string Mode { get; init; } = TextTypeNames.Columns;

    /// <summary>The <c>jsonl.infer_rows</c> option, documented by its Description.</summary>
    [Description("Lines of each object that inference reads (`columns` mode); discovery reads only as much of an object as they need.")]
    [SpecIntegerRange(1, 1_000_000)]
    public int InferRows { get; init; } = 1000;

    /// <summary>The <c>jsonl.max_line_bytes</c> option, documented by its Description.</summary>
    [Description("The longest line read, in bytes; a longer line fails its object with an error naming the line.")]
    [SpecIntegerRange(1024, 1_073_741_824)]
    public int MaxLineBytes { get; init; } = JsonLinesOptions.DefaultMaxLineBytes;

    /// <summary>Equal when every option is.</summary>
    public bool Equals(JsonLinesSpec? other) => SpecEquality.SameFields(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => SpecEquality.FieldsHash(this);
}
