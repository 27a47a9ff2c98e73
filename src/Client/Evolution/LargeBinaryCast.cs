using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// <c>utf8</c> into <c>large_utf8</c> and <c>binary</c> into <c>large_binary</c>: a table whose objects disagree on
/// whether a text column needs 64-bit offsets gets the large form. Only the offsets are rewritten; the validity bitmap and
/// the bytes are shared with the source, not copied.
/// </summary>
internal sealed class LargeBinaryCast : ArrayCast
{
    private LargeBinaryCast(IArrowType target)
        : base(target)
    {
    }

    /// <summary>The cast of <paramref name="source"/> into <paramref name="target"/>, or null when it is not one of the two.</summary>
    public static LargeBinaryCast? For(IArrowType source, IArrowType target) => (source.TypeId, target.TypeId) switch
    {
        (ArrowTypeId.String, ArrowTypeId.LargeString) or (ArrowTypeId.Binary, ArrowTypeId.LargeBinary) => new LargeBinaryCast(target),
        _ => null,
    };

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var offsets = OffsetWidener.Widen(source);
        return new ArrayData(
            Target, source.Length, source.NullCount, source.Offset, [source.Buffers[0].Retain(), offsets, source.Buffers[2].Retain()]);
    }
}
