using System.Collections;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// Value equality for option values, so that two specs that say the same are equal although their lists and maps are
/// different instances (tests compare read specs with expected ones; a cache may compare two Inits).
/// </summary>
internal static class SpecEquality
{
    public static bool Equal(object? a, object? b) => (a, b) switch
    {
        (IDictionary x, IDictionary y) => x.Count == y.Count && x.Keys.Cast<object>().All(k => y.Contains(k) && Equal(x[k], y[k])),
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object?>().SequenceEqual(y.Cast<object?>(), Comparer.Instance),
        _ => Equals(a, b),
    };

    /// <summary>A hash that agrees with <see cref="Equal"/>: collections hash by their count only.</summary>
    public static int Hash(object? value) => value switch
    {
        null => 0,
        string text => text.GetHashCode(StringComparison.Ordinal),
        ICollection collection => collection.Count,
        IEnumerable items => items.Cast<object?>().Count(),
        _ => value.GetHashCode(),
    };

    /// <summary>Whether two spec records say the same, field by field as <see cref="Equal"/> compares values.</summary>
    public static bool SameFields<T>(T a, T? b)
        where T : class => b is not null && SpecShapes.FieldsOf(typeof(T)).All(p => Equal(p.Get!(a), p.Get!(b)));

    /// <summary>A hash of a spec record that agrees with <see cref="SameFields"/>.</summary>
    public static int FieldsHash<T>(T value)
        where T : class => SpecShapes.FieldsOf(typeof(T)).Aggregate(0, (hash, p) => HashCode.Combine(hash, Hash(p.Get!(value))));

    private sealed class Comparer : IEqualityComparer<object?>
    {
        public static readonly Comparer Instance = new();

        public new bool Equals(object? x, object? y) => Equal(x, y);

        public int GetHashCode(object? obj) => Hash(obj);
    }
}
