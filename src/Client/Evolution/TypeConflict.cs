using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Where two types of one column fail to widen, so that a message can point at the nested field instead of printing two
/// long struct types. <see cref="Path"/> is relative to the two types given to <see cref="TypeWidening"/>: empty for the
/// types themselves, else dot-separated field names (<c>x</c>, <c>item.x</c>, <c>value</c>).
/// </summary>
internal abstract record TypeConflict(string Path);

/// <summary>The types at <see cref="TypeConflict.Path"/> have no common lossless type.</summary>
/// <param name="Path">Where inside the two types; empty for the types themselves.</param>
/// <param name="Newer">The type from the newer side (the first argument of the widening).</param>
/// <param name="Older">The type from the older side (the second argument).</param>
internal sealed record TypeMismatch(string Path, IArrowType Newer, IArrowType Older) : TypeConflict(Path);

/// <summary>
/// The struct at <see cref="TypeConflict.Path"/> would get two fields whose names are equal when case is folded (or, when
/// <see cref="FirstName"/> equals <see cref="SecondName"/>, one name twice on one side). Each name says which side has it,
/// so the message can name the object.
/// </summary>
internal sealed record FieldNameClash(string Path, string FirstName, bool FirstInNewer, string SecondName, bool SecondInNewer) : TypeConflict(Path);
