using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The conversion of one column (or nested field) from an object's type to the table's, planned once per pair of types
/// by <see cref="ArrayWidener.Plan"/> so that each batch only moves values: the checks of what may widen into what, and
/// the choice of loop, happen when a table's objects are first met, not per batch.
/// </summary>
/// <remarks>
/// Every cast keeps the rows: the result has the source's length and the same value (or null) at every logical index,
/// whatever the source's <see cref="ArrayData.Offset"/>. That is what lets a parent cast children over their whole
/// length and keep its own offsets into them.
/// </remarks>
internal abstract class ArrayCast
{
    protected ArrayCast(IArrowType target) => Target = target;

    /// <summary>The type the cast produces (a storage type: extension types are planned as their storage).</summary>
    public IArrowType Target { get; }

    /// <summary>
    /// New data of <see cref="Target"/> with the rows of <paramref name="source"/>. It holds its own references to every
    /// buffer it shares with the source and owns those it built, so the two are disposed independently; the source is not
    /// disposed.
    /// </summary>
    /// <exception cref="ColumnWideningException">A value does not fit the target type.</exception>
    public abstract ArrayData Apply(ArrayData source);
}
