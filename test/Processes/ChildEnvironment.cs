using System.Diagnostics;

namespace CqSourceS3.Processes;

/// <summary>Environment overrides for one child process, leaving the parent's own environment alone.</summary>
public static class ChildEnvironment
{
    /// <summary>
    /// Sets each variable of <paramref name="environment"/> for the child <paramref name="start"/> describes, or removes
    /// it from the child's environment where the value is null.
    /// </summary>
    public static void Apply(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
    }
}
