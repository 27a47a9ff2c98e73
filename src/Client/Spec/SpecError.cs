namespace CqSourceS3.Client.Spec;

/// <summary>One problem with a spec, naming the field (snake_case, as the user wrote it).</summary>
public sealed record SpecError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
