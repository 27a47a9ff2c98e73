using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// A struct into the table's struct type: fields matched by name in the table's order, each cast (or shared when its type
/// does not change), and fields the object lacks filled with nulls. The struct's own validity is kept, so a null struct
/// stays null; a sliced struct is re-based to offset 0 so that the null children need only the struct's length.
/// </summary>
internal sealed class StructCast : ArrayCast
{
    private readonly FieldCast[] _fields;

    private StructCast(StructType target, FieldCast[] fields)
        : base(target) => _fields = fields;

    /// <summary>The cast of <paramref name="source"/> into <paramref name="target"/>, fields named under <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">A source field is missing from the target, or its type does not widen.</exception>
    public static StructCast For(StructType source, StructType target, string column) =>
        new(target, FieldCast.Match(target.Fields, source.Fields, column));

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var children = new ArrayData[_fields.Length];
        try
        {
            for (var i = 0; i < children.Length; i++)
            {
                var field = _fields[i];
                // An unowned view of the rows this struct uses: the cast retains or copies what it keeps.
                var rows = field.SourceIndex < 0 ? null : source.Children[field.SourceIndex].Slice(source.Offset, source.Length);
                children[i] = field.Apply(rows, source.Length);
            }

            var (validity, nullCount) = source.Offset == 0
                ? (source.Buffers[0].Retain(), source.NullCount)
                : ValidityBitmap.Rebase(source);
            return new ArrayData(Target, source.Length, nullCount, 0, [validity], children);
        }
        catch
        {
            foreach (var child in children)
            {
                child?.Dispose();
            }

            throw;
        }
    }
}
