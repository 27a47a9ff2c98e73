using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// A column whose bytes already are what the table's type needs: the same type, or one that differs only where the
/// layout does not (a decimal128's precision with the same scale, a map's key-sorted flag, field metadata). Nothing is
/// copied: the result is new data over the same buffers, each retained, so the source batch may be disposed first.
/// </summary>
internal sealed class ShareCast : ArrayCast
{
    public ShareCast(IArrowType target)
        : base(target)
    {
    }

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var shared = source.Retain();
        return ReferenceEquals(shared.DataType, Target)
            ? shared
            : new ArrayData(Target, shared.Length, shared.NullCount, shared.Offset, shared.Buffers, shared.Children, shared.Dictionary);
    }
}
