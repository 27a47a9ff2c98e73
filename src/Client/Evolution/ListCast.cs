using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Lists whose elements widen, or whose offsets do: <c>list</c> into <c>list</c> or <c>large_list</c>,
/// <c>large_list</c> into <c>large_list</c>, and <c>fixed_size_list</c> into one of the same size. The element cast
/// runs over the whole child (it keeps the child's rows, see <see cref="ArrayCast"/>), so the list's own offsets and
/// validity stay valid and are shared; only <c>list</c> into <c>large_list</c> rewrites the offsets (see
/// <see cref="OffsetWidener"/>), and then a child whose type does not change is shared too.
/// </summary>
internal sealed class ListCast : ArrayCast
{
    private readonly ArrayCast _elements;

    private ListCast(IArrowType target, ArrayCast elements)
        : base(target) => _elements = elements;

    /// <summary>
    /// The element fields of <paramref name="source"/> and <paramref name="target"/> when the first may become the second
    /// once its elements do; null otherwise. The fields' names and nullability may differ: the table keeps one object's.
    /// </summary>
    public static (Field Source, Field Target)? ElementsOf(IArrowType source, IArrowType target) => (source, target) switch
    {
        (ListType s, ListType t) => (s.ValueField, t.ValueField),
        (ListType s, LargeListType t) => (s.ValueField, t.ValueField),
        (LargeListType s, LargeListType t) => (s.ValueField, t.ValueField),
        (FixedSizeListType s, FixedSizeListType t) when s.ListSize == t.ListSize => (s.ValueField, t.ValueField),
        _ => null,
    };

    /// <summary>The cast of a list into <paramref name="target"/> whose elements go through <paramref name="elements"/>.</summary>
    public static ListCast For(IArrowType target, ArrayCast elements) => new(target, elements);

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var child = _elements.Apply(source.Children[0]);
        try
        {
            ArrowBuffer[] buffers = source.DataType.TypeId == ArrowTypeId.List && Target.TypeId == ArrowTypeId.LargeList
                ? [source.Buffers[0].Retain(), OffsetWidener.Widen(source)]
                : [.. source.Buffers.Select(buffer => buffer.Retain())];

            return new ArrayData(Target, source.Length, source.NullCount, source.Offset, buffers, [child]);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }
}
