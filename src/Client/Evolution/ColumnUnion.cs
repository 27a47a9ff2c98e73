using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// One column of a table while <see cref="SchemaUnion"/> folds the objects' schemas into it, newest first: its type so
/// far, whether any object has it nullable, how many objects have it and which types they had. The field's name and
/// metadata stay those of the newest object that has the column.
/// </summary>
internal sealed class ColumnUnion
{
    private readonly List<string> _typeTexts = [];
    private bool _nullable;
    private int _objects;

    public ColumnUnion(Field newest, string newestKey, int objects)
    {
        Newest = newest;
        NewestKey = newestKey;
        Type = newest.DataType;
        TypeText = ArrowTypeText.Of(Type);
        _typeTexts.Add(TypeText);
        _nullable = newest.IsNullable;
        _objects = objects;
    }

    public string Name => Newest.Name;

    /// <summary>The column as the newest object that has it declares it.</summary>
    public Field Newest { get; }

    /// <summary>The key of the newest object that has the column, for messages.</summary>
    public string NewestKey { get; }

    /// <summary>The union of the types seen so far.</summary>
    public IArrowType Type { get; private set; }

    private string TypeText { get; set; }

    /// <summary>
    /// Widens the column by an older object's <paramref name="field"/>, declared by <paramref name="objects"/> objects;
    /// false (and the column unchanged) when no type holds both.
    /// </summary>
    public bool TryAdd(Field field, int objects)
    {
        // Most objects agree with the union so far: compare texts before widening, which rebuilds nested types.
        var text = ArrowTypeText.Of(field.DataType);
        if (text != TypeText)
        {
            if (TypeWidening.Widen(Type, field.DataType) is not { } widened)
            {
                return false;
            }

            Type = widened;
            TypeText = ArrowTypeText.Of(widened);
        }

        // Recorded even when it equals the union so far: a later, wider object can still make it a type widened from.
        if (!_typeTexts.Contains(text))
        {
            _typeTexts.Add(text);
        }

        _nullable |= field.IsNullable;
        _objects += objects;
        return true;
    }

    /// <summary>The union's field: nullable when any object has it nullable or any of the <paramref name="totalObjects"/> lacks it.</summary>
    public Field ToField(int totalObjects)
    {
        var nullable = _nullable || _objects < totalObjects;
        return ReferenceEquals(Type, Newest.DataType) && nullable == Newest.IsNullable
            ? Newest
            : new Field(Newest.Name, Type, nullable, Newest.Metadata);
    }

    public ColumnEvolution ToEvolution(int totalObjects) =>
        new(Name, totalObjects - _objects, _typeTexts.Where(t => t != TypeText).ToList());
}
