using Apache.Arrow;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// Compares the schemas of two files of one table. Columns must match by position, name and type; nullability may
/// differ (writers disagree on it freely) and is merged by <see cref="MergeNullability"/>. Field metadata is ignored.
/// </summary>
internal static class SchemaDifference
{
    /// <summary>Human-readable differences between <paramref name="reference"/> and <paramref name="other"/>; empty when they agree.</summary>
    public static IReadOnlyList<string> Describe(Schema reference, Schema other)
    {
        var differences = new List<string>();
        var referenceNames = reference.FieldsList.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var otherNames = other.FieldsList.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(reference.FieldsList.Where(f => !otherNames.Contains(f.Name)).Select(f => $"column \"{f.Name}\" ({ArrowTypeText.Of(f.DataType)}) is missing"));
        differences.AddRange(other.FieldsList.Where(f => !referenceNames.Contains(f.Name)).Select(f => $"column \"{f.Name}\" ({ArrowTypeText.Of(f.DataType)}) is extra"));
        foreach (var field in reference.FieldsList.Where(f => otherNames.Contains(f.Name)))
        {
            var theirs = other.GetFieldByName(field.Name);
            var (mine, their) = (ArrowTypeText.Of(field.DataType), ArrowTypeText.Of(theirs.DataType));
            if (mine != their)
            {
                differences.Add($"column \"{field.Name}\" is {mine} vs {their}");
            }
        }

        if (differences.Count == 0 && !reference.FieldsList.Select(f => f.Name).SequenceEqual(other.FieldsList.Select(f => f.Name)))
        {
            differences.Add($"columns are in a different order ({string.Join(", ", reference.FieldsList.Select(f => f.Name))} vs {string.Join(", ", other.FieldsList.Select(f => f.Name))})");
        }

        return differences;
    }

    /// <summary>The reference schema with each column nullable when it is nullable in any file.</summary>
    public static Schema MergeNullability(Schema reference, IEnumerable<Schema> others)
    {
        var nullable = reference.FieldsList.Select(f => f.IsNullable).ToArray();
        foreach (var schema in others)
        {
            for (var i = 0; i < nullable.Length; i++)
            {
                nullable[i] |= schema.FieldsList[i].IsNullable;
            }
        }

        var fields = reference.FieldsList.Select((f, i) => f.IsNullable == nullable[i] ? f : new Field(f.Name, f.DataType, nullable[i], f.Metadata));
        return new Schema(fields, reference.Metadata);
    }
}
