namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The messages users read when a table has no schema union. Each names the table, the column (with the nested path
/// for a field inside a struct, list or map) and the objects involved, so the user can find and fix the files.
/// </summary>
internal static class UnionConflictMessages
{
    public static string TypeMismatch(string table, string column, string newerType, string newerKey, string olderType, string olderKey) =>
        $"table \"{table}\": column \"{column}\" is {newerType} in \"{newerKey}\" but {olderType} in \"{olderKey}\", and no type holds both without loss";

    /// <summary>
    /// The older object's type conflicts with no newer object's type on its own, only with their union. Today's widenings
    /// never do that (every conflict shows between two objects); the message exists so that a future widening cannot make
    /// the union claim a type for an object that does not have it.
    /// </summary>
    public static string CombinedMismatch(string table, string column, string olderType, string olderKey, string combinedType, string newestKey) =>
        $"table \"{table}\": column \"{column}\" is {olderType} in \"{olderKey}\", and no type holds it without loss together with {combinedType}, the union of its types in the newer objects (the newest: \"{newestKey}\")";

    public static string CaseClash(string table, string firstName, string firstKey, string secondName, string secondKey) =>
        $"table \"{table}\": columns \"{firstName}\" (in \"{firstKey}\") and \"{secondName}\" (in \"{secondKey}\") differ only in case; many destinations fold case, so they would collide";

    public static string Twice(string table, string name, string key) =>
        $"table \"{table}\": column \"{name}\" appears twice in \"{key}\"; columns are matched by name, so each name must be unique";
}
