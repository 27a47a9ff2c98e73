using CqSourceS3.Client;
namespace CqSourceS3.Client.Spec;

/// <summary>The spec was rejected; <see cref="Errors"/> holds every problem found, not just the first.</summary>
public sealed class SpecException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Configuration;

    public SpecException(IReadOnlyList<SpecError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in the order the fields were checked.</summary>
    public IReadOnlyList<SpecError> Errors { get; }

    private static string Describe(IReadOnlyList<SpecError> errors) =>
        errors.Count == 1
            ? $"invalid spec: {errors[0]}"
            : $"invalid spec ({errors.Count} problems): {string.Join("; ", errors)}";
}
